-- RFM segment memberships stored by model runs: per run and preset, every scored customer's scores and segment,
-- the segment before the last change, and when (and in which run) the customer entered the current one. A run's
-- transitions are its rows with changed_run_id = run_id. Written in the run's transaction, deleted with the run;
-- a later run still carries previous_segment and changed_at forward from the newest earlier run it finds.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

CREATE TABLE ${prefix}segment_runs (
  run_id          BIGINT                   NOT NULL,
  preset          VARCHAR(64)              NOT NULL,
  preset_version  INTEGER                  NOT NULL,
  -- Orders placed before this instant were scored (the end of the run's as-of day, UTC).
  as_of           TIMESTAMP WITH TIME ZONE NOT NULL,
  currency        CHAR(3)                  NOT NULL,
  customers       INTEGER                  NOT NULL,
  CONSTRAINT ${prefix}segment_runs_pk PRIMARY KEY (run_id, preset)
);

CREATE TABLE ${prefix}segment_memberships (
  run_id            BIGINT                   NOT NULL,
  preset            VARCHAR(64)              NOT NULL,
  customer_id       VARCHAR(64)              NOT NULL,
  segment           VARCHAR(64)              NOT NULL,
  r                 SMALLINT                 NOT NULL,
  f                 SMALLINT                 NOT NULL,
  m                 SMALLINT                 NOT NULL,
  previous_segment  VARCHAR(64),
  changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  changed_run_id    BIGINT                   NOT NULL,
  CONSTRAINT ${prefix}segment_memberships_pk PRIMARY KEY (run_id, preset, customer_id)
);

-- One customer's memberships across runs, newest first.
CREATE INDEX ${prefix}segment_memberships_customer_idx ON ${prefix}segment_memberships (customer_id, run_id);
