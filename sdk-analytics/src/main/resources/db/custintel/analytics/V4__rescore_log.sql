-- Incremental re-scoring: which customers were last re-scored, in order. A model run notes the newest entry before
-- it reads (under the run pointer's lock, which every re-scoring holds until it commits); once the run is active,
-- the customers re-scored after that note were scored under the run before it, from orders its snapshot may not
-- have seen, and are re-scored under the new run. One row per customer; entries up to the note are deleted then.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

CREATE TABLE ${prefix}rescore_log (
  customer_id  VARCHAR(64) NOT NULL,
  seq          BIGINT      NOT NULL,
  CONSTRAINT ${prefix}rescore_log_pk PRIMARY KEY (customer_id)
);

CREATE INDEX ${prefix}rescore_log_seq_idx ON ${prefix}rescore_log (seq);
