-- The dashboard asks, per procedure of the catalogue, whether it had an online / paid-online / … dossier in the
-- period: an index by procedure and day lets each answer stop at the first matching row.
CREATE INDEX metric_procedure_daily_proc_idx ON metric_procedure_daily (procedure_code, day);
