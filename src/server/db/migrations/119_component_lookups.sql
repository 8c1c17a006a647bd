-- Lookups of the components that use a store entry or a photo copy's upload (deleting a photo copy from the store,
-- issue 16's leftovers): without these indexes each was a scan of every dossier's components, and so was the
-- foreign-key check when a store entry is deleted. Both are partial: only components taken from a store, or that are
-- photo copies, have entries, so an ordinary submission's uploads add nothing to them (issue 17 keeps the
-- submission's writes light).
CREATE INDEX dossier_documents_store_document_idx ON dossier_documents (store_document_id) WHERE store_document_id IS NOT NULL;
CREATE INDEX dossier_documents_photo_upload_idx ON dossier_documents (upload_id) WHERE photo_copy;
