package dev.custintel.slack.internal;

import java.time.Instant;

/**
 * The ids of the events with effects that were accepted. An event is processed by whoever inserts its id first:
 * the primary key decides, across threads and nodes. Rows expire and are purged. Not API.
 */
final class ProcessedEvents {
  private final Db db;

  ProcessedEvents(Db db) {
    this.db = db;
  }

  /** @return true if this call recorded the event; false if it was recorded before (a duplicate delivery) */
  boolean record(String eventId, String type, Instant now, Instant expiresAt) {
    return db.insertOnce("event dedupe", h -> h.createUpdate(db.sql("INSERT INTO {events}"
            + " (event_id, event_type, received_at, expires_at) VALUES (:id, :type, :now, :expires)"))
        .bind("id", eventId)
        .bind("type", type)
        .bind("now", Db.at(now))
        .bind("expires", Db.at(expiresAt)));
  }

  /** Forgets an event that could not be scheduled, so that Slack's retry of it is processed. */
  void forget(String eventId) {
    db.with("event forget", h -> h.createUpdate(db.sql("DELETE FROM {events} WHERE event_id = :id"))
        .bind("id", eventId).execute());
  }

  /** @return how many expired ids were deleted */
  int purge(Instant now) {
    return db.with("event purge", h -> h.createUpdate(db.sql("DELETE FROM {events} WHERE expires_at <= :now"))
        .bind("now", Db.at(now)).execute());
  }
}
