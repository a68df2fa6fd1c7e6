-- Durable Slack work (issue 11): the work an accepted event asks for is written in the same transaction as the
-- event's id, before the acknowledgement, and workers take it from here; the messages that work needs are kept
-- here too, so a restart does not have to read them from Slack again. Portable SQL (H2 2.x and PostgreSQL 12+).

-- Slack's ids are not promised to stay short (9 to 11 characters today): room for what Slack may send. The
-- handler refuses longer ids at the door (400), so nothing accepted can fail on these columns.
ALTER TABLE ${prefix}processed_slack_events ALTER COLUMN event_id SET DATA TYPE VARCHAR(255);
ALTER TABLE ${prefix}slack_ticket_links ALTER COLUMN channel_id SET DATA TYPE VARCHAR(255);
ALTER TABLE ${prefix}slack_ticket_links ALTER COLUMN message_ts SET DATA TYPE VARCHAR(64);
ALTER TABLE ${prefix}slack_ticket_links ALTER COLUMN thread_ts SET DATA TYPE VARCHAR(64);
ALTER TABLE ${prefix}slack_ticket_links ALTER COLUMN external_id SET DATA TYPE VARCHAR(400);
-- The work item (its event id) whose attempt holds a PENDING claim: when that work resumes after a crash, it takes
-- its own claim over at once (looking the ticket up by external id first) instead of waiting for the claim timeout.
ALTER TABLE ${prefix}slack_ticket_links ADD COLUMN claimed_by VARCHAR(255);
-- The work item whose close reaction set closed_at: when that work resumes after a crash, it closes again (closing
-- a closed ticket changes nothing) instead of finding the close claimed and doing nothing.
ALTER TABLE ${prefix}slack_ticket_links ADD COLUMN closed_by VARCHAR(255);

-- One row per accepted event with effects, until its work is done (then deleted). QUEUED rows are due from
-- not_before; a RUNNING row belongs to owner (one handler instance) until lease_until, which the owner renews
-- while it works; a RUNNING row whose lease expired is due again (its owner died). runs counts the runs started.
CREATE TABLE ${prefix}slack_work (
  event_id       VARCHAR(255)             NOT NULL,
  kind           VARCHAR(8)               NOT NULL,
  channel_id     VARCHAR(255)             NOT NULL,
  ts             VARCHAR(64)              NOT NULL,
  thread_ts      VARCHAR(64),
  user_id        VARCHAR(255),
  -- A mention's text and the bot users to take out of it (comma-separated).
  text           VARCHAR(40000),
  bot_user_ids   VARCHAR(2000),
  state          VARCHAR(8)               NOT NULL,
  owner          VARCHAR(64),
  lease_until    TIMESTAMP WITH TIME ZONE,
  not_before     TIMESTAMP WITH TIME ZONE NOT NULL,
  runs           INTEGER                  NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}slack_work_pk PRIMARY KEY (event_id),
  CONSTRAINT ${prefix}slack_work_kind_ck CHECK (kind IN ('TICKET', 'CLOSE', 'MENTION')),
  CONSTRAINT ${prefix}slack_work_state_ck CHECK (state IN ('QUEUED', 'RUNNING')),
  CONSTRAINT ${prefix}slack_work_runs_ck CHECK (runs >= 0)
);

CREATE INDEX ${prefix}slack_work_due_idx ON ${prefix}slack_work (state, not_before);

-- The messages ticket work needs, by (channel, ts): copied from the message cache when the reaction is accepted,
-- or stored when read from Slack. Deleted when the ticket is linked, or when expires_at has passed.
CREATE TABLE ${prefix}slack_messages (
  channel_id   VARCHAR(255)             NOT NULL,
  ts           VARCHAR(64)              NOT NULL,
  thread_ts    VARCHAR(64),
  user_id      VARCHAR(255),
  bot_id       VARCHAR(255),
  text         VARCHAR(40000)           NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}slack_messages_pk PRIMARY KEY (channel_id, ts)
);

CREATE INDEX ${prefix}slack_messages_expiry_idx ON ${prefix}slack_messages (expires_at);
