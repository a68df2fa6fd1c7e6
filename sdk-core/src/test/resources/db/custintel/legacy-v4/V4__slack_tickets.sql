-- The Slack helpers' durable state (custintel-integrations, dev.custintel.slack). Portable SQL (H2 2.x and
-- PostgreSQL 12+).
--
-- Slack may deliver an event more than once (retries carry the same event_id; rarely, duplicates come with new
-- ids), and the app may run on several nodes. So exactly-once effects are enforced here, by keys, not by code:
-- an event is processed by whoever inserts its id first, and a message gets a ticket through whoever inserts
-- (or atomically takes over) its link row.

-- Events with effects (reactions, mentions) that were accepted, kept until expires_at, then purged.
CREATE TABLE ${prefix}processed_slack_events (
  event_id     VARCHAR(64)              NOT NULL,
  event_type   VARCHAR(64)              NOT NULL,
  received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}processed_slack_events_pk PRIMARY KEY (event_id)
);

CREATE INDEX ${prefix}processed_slack_events_expiry_idx ON ${prefix}processed_slack_events (expires_at);

-- One Gorgias ticket per Slack message (channel, message ts). PENDING while an attempt holds the claim, LINKED
-- once the ticket exists, FAILED when the last attempt failed (retried by the next reaction or retryFailed()).
-- attempts counts attempts started; an attempt's writes name its number, so a stale attempt cannot overwrite a
-- newer one. last_error is our own summary of the failure: never a credential, never a response header.
CREATE TABLE ${prefix}slack_ticket_links (
  channel_id   VARCHAR(32)              NOT NULL,
  message_ts   VARCHAR(32)              NOT NULL,
  -- The thread replies go to: the message's own thread_ts, or its ts; null until the message was read.
  thread_ts    VARCHAR(32),
  status       VARCHAR(8)               NOT NULL,
  -- Sent to Gorgias as the ticket's external_id, derived from channel and ts, so a retry can find the ticket.
  external_id  VARCHAR(255)             NOT NULL,
  ticket_id    BIGINT,
  ticket_url   VARCHAR(2000),
  attempts     INTEGER                  NOT NULL,
  last_error   VARCHAR(1000),
  claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  linked_at    TIMESTAMP WITH TIME ZONE,
  -- Set when a close reaction closed the ticket; setting it is the close's claim.
  closed_at    TIMESTAMP WITH TIME ZONE,
  CONSTRAINT ${prefix}slack_ticket_links_pk PRIMARY KEY (channel_id, message_ts),
  CONSTRAINT ${prefix}slack_ticket_links_external_uq UNIQUE (external_id),
  CONSTRAINT ${prefix}slack_ticket_links_status_ck CHECK (status IN ('PENDING', 'LINKED', 'FAILED')),
  CONSTRAINT ${prefix}slack_ticket_links_linked_ck CHECK (status <> 'LINKED' OR ticket_id IS NOT NULL),
  CONSTRAINT ${prefix}slack_ticket_links_attempts_ck CHECK (attempts >= 1)
);

-- A close reaction anywhere in a linked thread finds the thread's links.
CREATE INDEX ${prefix}slack_ticket_links_thread_idx ON ${prefix}slack_ticket_links (channel_id, thread_ts);
-- retryFailed() reads the failed and the stale pending links.
CREATE INDEX ${prefix}slack_ticket_links_status_idx ON ${prefix}slack_ticket_links (status, claimed_at);
