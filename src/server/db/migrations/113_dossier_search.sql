-- Issue 17: the worklist's name search out of the submission's transaction (docs/back-office-performance.md,
-- "Search table kept from the events").
--
-- Before: dossiers itself carried three GIN indexes for the name search (013's trigrams of applicant_search, 015's
-- unit × trigram keys and word-pair keys): about 100 index keys written in every submission's transaction, and again
-- on every later update of the row that is not HOT. Now the searchable text lives in this narrow table, one row per
-- dossier, written only by the search indexer (src/server/modules/workflow/search-index.ts) from the domain events
-- (outbox topic search.index, fed by the event router for the events that change a searchable field), outside any
-- submission or transition. The indexes move here unchanged; the submission writes none of them.
--
-- What stays on dossiers: the code (UNIQUE) and the identity number (btree) — a search by code or identity number
-- never depends on this table, so a dossier not yet indexed is still found by its exact code; unit_ids and its GIN
-- index (the official's scope is always tested on dossiers, never on the copy here); submitted_at for listings.
--
-- Columns are copies of dossiers' (the row as it was when indexed): unit_ids feeds the unit-keyed trigram index
-- only (a pre-filter); the search joins dossiers and tests visibility on d.unit_ids. indexed_at says when.
CREATE TABLE dossier_search (
  dossier_id        uuid PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  unit_ids          text[] NOT NULL,
  applicant_search  text NOT NULL,
  submitted_at      timestamptz NOT NULL,
  indexed_at        timestamptz NOT NULL DEFAULT now()
);

-- Every dossier already there (bulk-loaded history included). Later bulk loads call indexDossiers, and the
-- search.backfill job indexes whatever a loader left out.
INSERT INTO dossier_search (dossier_id, unit_ids, applicant_search, submitted_at)
  SELECT id, unit_ids, coalesce(applicant_search, ''), submitted_at FROM dossiers;

-- The same index definitions as 013 and 015 had on dossiers (the functions of 015 are reused; searchDossiers
-- builds the same conditions on s.* instead of d.*), plus the newest-first walk on this table.
CREATE INDEX dossier_search_submitted_idx ON dossier_search (submitted_at);
CREATE INDEX dossier_search_trgm_idx ON dossier_search USING gin (applicant_search gin_trgm_ops);
CREATE INDEX dossier_search_unit_trigrams_idx ON dossier_search USING gin (dossier_unit_trigrams(unit_ids, applicant_search));
CREATE INDEX dossier_search_name_pairs_idx ON dossier_search USING gin (dossier_name_pairs(applicant_search));

DROP INDEX dossiers_applicant_search_idx;
DROP INDEX dossiers_unit_trigrams_idx;
DROP INDEX dossiers_name_pairs_idx;

ANALYZE dossier_search;
