-- Customer events (high_value_customer, churn_risk_alert, segment_changed): a durable, ordered log that readers
-- follow by id. Ids are allocated from event_counter, whose one row every writer updates in its own transaction:
-- the row lock makes writers commit one after another in id order, so a reader that has seen id N never later
-- finds a smaller id appear (no gaps are skipped, none are filled in afterwards).
-- event_states holds, per rule, the customers currently above its level, for hysteresis: a customer enters at the
-- rule's enter level and leaves only below its lower exit level, and only entering emits an event.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

CREATE TABLE ${prefix}events (
  event_id     BIGINT                   NOT NULL,
  event_type   VARCHAR(32)              NOT NULL,
  customer_id  VARCHAR(64)              NOT NULL,
  occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  -- The model run that caused the event; not a foreign key: events outlive pruned runs until they are purged.
  run_id       BIGINT,
  payload      VARCHAR(4000)            NOT NULL,
  CONSTRAINT ${prefix}events_pk PRIMARY KEY (event_id)
);

CREATE INDEX ${prefix}events_customer_idx ON ${prefix}events (customer_id, event_id);
CREATE INDEX ${prefix}events_occurred_idx ON ${prefix}events (occurred_at);

CREATE TABLE ${prefix}event_counter (
  id               INTEGER NOT NULL,
  last_id          BIGINT  NOT NULL,
  -- The first activated run that evaluated the rules: it records who is above each level without an event for
  -- each of them (a first run would otherwise alert on every customer at once).
  baseline_run_id  BIGINT,
  CONSTRAINT ${prefix}event_counter_pk PRIMARY KEY (id)
);

INSERT INTO ${prefix}event_counter (id, last_id, baseline_run_id) VALUES (1, 0, NULL);

CREATE TABLE ${prefix}event_states (
  rule         VARCHAR(32)              NOT NULL,
  customer_id  VARCHAR(64)              NOT NULL,
  since        TIMESTAMP WITH TIME ZONE NOT NULL,
  run_id       BIGINT                   NOT NULL,
  CONSTRAINT ${prefix}event_states_pk PRIMARY KEY (rule, customer_id)
);
