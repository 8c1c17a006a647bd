-- The subject of a result (issue 18): whom the document is about — the child of a birth extract, the couple of a
-- marriage certificate, the deceased of a death extract — recorded apart from its owner (the requester, in whose
-- store it lands). The public verification names both. Results signed before this migration have none: the
-- verification then names the owner as the person issued to, as before.
ALTER TABLE results
  ADD COLUMN subject_label     text,
  ADD COLUMN subject_name      text,
  ADD COLUMN subject_id_number text;
