-- Pull sync: one row per source, written by the store's SyncClient. Portable SQL (H2 2.x and PostgreSQL 12+).
--
-- A run claims its source by setting running (an UPDATE guarded by running = FALSE, or the first INSERT), so two
-- runs of one source never overlap, even from two processes. run_token tells the claiming run's later writes from
-- those of a run that took the source over after heartbeat_at went stale (its process died). The watermark is the
-- last successful run's; a failed run leaves it alone. The other figures describe the latest finished run.

CREATE TABLE ${prefix}sync_status (
  source_name     VARCHAR(64)              NOT NULL,
  running         BOOLEAN                  NOT NULL,
  run_token       VARCHAR(36)              NOT NULL,
  started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at        TIMESTAMP WITH TIME ZONE,
  outcome         VARCHAR(8),
  watermark       VARCHAR(256),
  orders_pulled   BIGINT                   NOT NULL,
  orders_written  BIGINT                   NOT NULL,
  error_message   VARCHAR(2000),
  CONSTRAINT ${prefix}sync_status_pk PRIMARY KEY (source_name),
  CONSTRAINT ${prefix}sync_status_outcome_ck CHECK (outcome IN ('OK', 'FAILED'))
);
