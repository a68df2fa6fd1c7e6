package dev.custintel.slack.internal;

import java.time.Instant;

/**
 * The ids of the events with effects that were accepted, written with their work by {@link WorkQueue#accept}: an
 * event is processed by whoever inserts its id first, the primary key decides, across threads and nodes. Rows
 * expire and are purged here. Not API.
 */
final class ProcessedEvents {
  private final Db db;

  ProcessedEvents(Db db) {
    this.db = db;
  }

  /** @return how many expired ids were deleted */
  int purge(Instant now) {
    return db.write("event purge", h -> h.createUpdate(db.sql("DELETE FROM {events} WHERE expires_at <= :now"))
        .bind("now", Db.at(now)).execute());
  }
}
