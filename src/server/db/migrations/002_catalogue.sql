-- Procedure catalogue: procedures and their immutable versions (each with effective dates).
CREATE TABLE procedures (
  code       text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE procedure_versions (
  id             bigserial PRIMARY KEY,
  procedure_code text NOT NULL REFERENCES procedures (code),
  version        integer NOT NULL,
  status         text NOT NULL CHECK (status IN ('active', 'draft', 'retired')),
  effective_from date NOT NULL,
  effective_to   date,
  definition     jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     text NOT NULL,
  UNIQUE (procedure_code, version)
);
-- At most one active version per procedure.
CREATE UNIQUE INDEX procedure_versions_active_idx ON procedure_versions (procedure_code) WHERE status = 'active';

-- Versions are immutable: editing a procedure creates a new version; only status/effective_to may change.
CREATE FUNCTION procedure_versions_immutable() RETURNS trigger AS $$
BEGIN
  IF NEW.definition IS DISTINCT FROM OLD.definition OR NEW.version IS DISTINCT FROM OLD.version
     OR NEW.procedure_code IS DISTINCT FROM OLD.procedure_code OR NEW.effective_from IS DISTINCT FROM OLD.effective_from THEN
    RAISE EXCEPTION 'procedure versions are immutable; create a new version';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER procedure_versions_immutable BEFORE UPDATE ON procedure_versions
  FOR EACH ROW EXECUTE FUNCTION procedure_versions_immutable();
