-- One dossier per online draft (issue 17). The submission used to claim its draft with an UPDATE before inserting the
-- dossier (the row lock made a concurrent submission of the same draft wait, then find it closed): a round trip of its
-- own. With this index the dossier insert decides that race itself (ON CONFLICT DO NOTHING: the second insert waits
-- for the first transaction, then conflicts), and the draft's closing is a deferred write of the same transaction.
CREATE UNIQUE INDEX dossiers_draft_id_key ON dossiers (draft_id) WHERE draft_id IS NOT NULL;
