-- Self-digitisation from the personal document store (issue 16 item 2): a citizen photographs a paper on the store
-- page (/kho-du-lieu), outside any dossier. The photo copy (photo_copies, migration 110: owned by the citizen, no
-- dossier) gets a store entry of kind 'photo_copy' — "bản chụp tự số hoá — chưa đối chiếu bản gốc": not a certified
-- copy and not counted as digitised. Used in a journey it attaches as a photo copy (dossier_documents.photo_copy);
-- when an official confirms it against the original, the same entry becomes kind 'digitised' with the marked, signed
-- file (reusable, 766 4.3), and photo_copy_id keeps where it came from.
ALTER TABLE store_documents DROP CONSTRAINT store_documents_kind_check;
ALTER TABLE store_documents ADD CONSTRAINT store_documents_kind_check CHECK (kind IN ('result', 'certified_copy', 'digitised', 'photo_copy'));
ALTER TABLE store_documents ADD COLUMN photo_copy_id uuid UNIQUE REFERENCES photo_copies (id);
