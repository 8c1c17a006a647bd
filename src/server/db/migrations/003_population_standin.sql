-- Population-database stand-in (Cơ sở dữ liệu quốc gia về dân cư): synthetic residents of the demo
-- province. Only the stand-in and the built-in e-ID stand-in read these tables; the rest of MotCua
-- reaches residents through the PopulationAdapter, which logs every lookup in population_lookups.
CREATE TABLE standin_households (
  id                text PRIMARY KEY,
  household_book_no text NOT NULL,
  head_id           text,
  address           jsonb NOT NULL
);

CREATE TABLE standin_residents (
  id_number         text PRIMARY KEY CHECK (id_number ~ '^[0-9]{12}$'),
  old_id_number     text,
  family_name       text NOT NULL,
  middle_name       text NOT NULL DEFAULT '',
  given_name        text NOT NULL,
  full_name         text NOT NULL,
  birth_date        date NOT NULL,
  sex               text NOT NULL CHECK (sex IN ('Nam', 'Nữ')),
  ethnicity         text NOT NULL DEFAULT 'Kinh',
  religion          text NOT NULL DEFAULT 'Không',
  nationality       text NOT NULL DEFAULT 'Việt Nam',
  marital_status    text NOT NULL,
  blood_type        text,
  birth_place       jsonb NOT NULL,
  home_town         jsonb NOT NULL,
  permanent_address jsonb NOT NULL,
  current_address   jsonb NOT NULL,
  father_id         text,
  mother_id         text,
  spouse_id         text,
  household_id      text REFERENCES standin_households (id),
  relation_to_head  text,
  phone             text,
  email             text,
  deceased_on       date
);
CREATE INDEX standin_residents_household_idx ON standin_residents (household_id);
CREATE INDEX standin_residents_father_idx ON standin_residents (father_id);
CREATE INDEX standin_residents_mother_idx ON standin_residents (mother_id);

-- Every lookup against the population database: who, for which dossier or purpose, when.
CREATE TABLE population_lookups (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_kind     text NOT NULL CHECK (actor_kind IN ('citizen', 'official', 'system')),
  actor_id       text NOT NULL,
  actor_unit     text,
  purpose        text NOT NULL,
  dossier_ref    text,
  operation      text NOT NULL,
  subject_id_number text,
  found          boolean NOT NULL
);
CREATE INDEX population_lookups_subject_idx ON population_lookups (subject_id_number);
CREATE INDEX population_lookups_at_idx ON population_lookups (at);
