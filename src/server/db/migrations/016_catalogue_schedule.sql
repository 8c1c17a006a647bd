-- Procedure versions take effect on their date: a version written with a future effective_from is scheduled
-- (status 'draft') and becomes active on that day, retiring the one in force. status_changed_at makes every status
-- change visible to the catalogue caches of all server processes (their revision is max(id) + max(status_changed_at)).
ALTER TABLE procedure_versions ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX procedure_versions_scheduled_idx ON procedure_versions (effective_from) WHERE status = 'draft';

CREATE FUNCTION procedure_versions_touch() RETURNS trigger AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status OR NEW.effective_to IS DISTINCT FROM OLD.effective_to THEN
    NEW.status_changed_at := clock_timestamp();
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER procedure_versions_touch BEFORE UPDATE ON procedure_versions
  FOR EACH ROW EXECUTE FUNCTION procedure_versions_touch();
