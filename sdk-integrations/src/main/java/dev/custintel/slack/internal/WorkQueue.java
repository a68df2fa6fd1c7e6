package dev.custintel.slack.internal;

import dev.custintel.slack.SlackMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The durable work of accepted events. {@link #accept} writes the event's id and its work in one transaction, before
 * the acknowledgement: whatever happens to the process afterwards, the work is in the database. A worker takes an
 * item with {@link #claim}, one conditional update: of two workers (threads, processes, a restarted process) one
 * gets it. The claim is a lease that its owner renews while it works ({@link #renew}); an item whose lease expired
 * (its owner died) is due again. A finished item is deleted. Not API.
 */
final class WorkQueue {
  private static final String COLUMNS = "event_id, kind, channel_id, ts, thread_ts, user_id, text, bot_user_ids, runs";
  private static final String DUE = "((state = 'QUEUED' AND not_before <= :now)"
      + " OR (state = 'RUNNING' AND lease_until < :now))";

  private final Db db;
  private final MessageStore messages;

  WorkQueue(Db db, MessageStore messages) {
    this.db = db;
    this.messages = messages;
  }

  /** The event id was taken: the intake's transaction rolls back. */
  private static final class Duplicate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Duplicate() {
      super("event id recorded before", null, false, false);
    }
  }

  /**
   * Keeps the message the work needs (on its own: two reactions on one message may keep it at once, and neither
   * event may fail for it), then records the event's id and its work in one transaction. The message goes first so
   * that the event's commit, which H2 writes through to its file, carries it too: an event acknowledged and then
   * killed finds its message in the database on restart.
   *
   * @param message the message to keep for the work, or null
   * @return true if recorded; false if the event id was recorded before (a duplicate delivery): nothing is written
   */
  boolean accept(String eventType, WorkItem work, Instant now, Instant expiresAt, @Nullable SlackMessage message,
      Instant messageExpiresAt) {
    if (message != null) {
      messages.save(message, messageExpiresAt);
    }
    try {
      db.inTransaction("event intake", h -> {
        try {
          h.createUpdate(db.sql("INSERT INTO {events} (event_id, event_type, received_at, expires_at)"
                  + " VALUES (:id, :type, :now, :expires)"))
              .bind("id", work.eventId())
              .bind("type", eventType)
              .bind("now", Db.at(now))
              .bind("expires", Db.at(expiresAt))
              .execute();
        } catch (RuntimeException e) {
          if (db.isDuplicateKey(e)) {
            throw new Duplicate();
          }
          throw e;
        }
        h.createUpdate(db.sql("INSERT INTO {work} (event_id, kind, channel_id, ts, thread_ts, user_id, text,"
                + " bot_user_ids, state, not_before, runs, created_at, updated_at)"
                + " VALUES (:id, :kind, :c, :ts, :thread, :user, :text, :bots, 'QUEUED', :now, 0, :now, :now)"))
            .bind("id", work.eventId())
            .bind("kind", work.kind().name())
            .bind("c", work.channelId())
            .bind("ts", work.ts())
            .bind("thread", work.threadTs())
            .bind("user", work.userId())
            .bind("text", cut(work.text()))
            .bind("bots", work.botUserIds().isEmpty() ? null : String.join(",", work.botUserIds()))
            .bind("now", Db.at(now))
            .execute();
        return null;
      });
    } catch (RuntimeException e) {
      if (isDuplicate(e)) {
        return false;
      }
      throw e;
    }
    return true;
  }

  private static boolean isDuplicate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Duplicate) {
        return true;
      }
    }
    return false;
  }

  /** @return the ids of up to {@code limit} items due at {@code now}: queued ones, and those whose lease expired */
  List<String> due(Instant now, int limit) {
    return db.with("work scan", h -> h.createQuery(db.sql("SELECT event_id FROM {work} WHERE " + DUE
            + " ORDER BY not_before, event_id LIMIT :limit"))
        .bind("now", Db.at(now)).bind("limit", limit).mapTo(String.class).list());
  }

  /**
   * Takes the item if it is due: one conditional update, so of two takers one gets it.
   *
   * @return the item, its runs counting this one; empty if it is not there, or not due (another holds it)
   */
  Optional<WorkItem> claim(String eventId, String owner, Instant now, Instant leaseUntil) {
    int changed = db.write("work claim", h -> h.createUpdate(db.sql("UPDATE {work} SET state = 'RUNNING',"
            + " owner = :owner, lease_until = :lease, runs = runs + 1, updated_at = :now"
            + " WHERE event_id = :id AND " + DUE))
        .bind("owner", owner).bind("lease", Db.at(leaseUntil)).bind("now", Db.at(now)).bind("id", eventId)
        .execute());
    if (changed != 1) {
      return Optional.empty();
    }
    return db.with("work read", h -> h.createQuery(db.sql("SELECT " + COLUMNS + " FROM {work}"
            + " WHERE event_id = :id AND owner = :owner"))
        .bind("id", eventId).bind("owner", owner).map((rs, ctx) -> row(rs)).findOne());
  }

  /** The item is done: deleted, if its owner still holds it. */
  void done(String eventId, String owner) {
    db.write("work done", h -> h.createUpdate(db.sql("DELETE FROM {work} WHERE event_id = :id AND owner = :owner"))
        .bind("id", eventId).bind("owner", owner).execute());
  }

  /**
   * Puts the item back in the queue, due at {@code notBefore}.
   *
   * @param countRun false when the run did not really try (held back by our own rate limiter): it is uncounted
   */
  void requeue(String eventId, String owner, Instant notBefore, boolean countRun, Instant now) {
    db.write("work requeue", h -> h.createUpdate(db.sql("UPDATE {work} SET state = 'QUEUED', owner = NULL,"
            + " lease_until = NULL, not_before = :at, runs = runs - :uncount, updated_at = :now"
            + " WHERE event_id = :id AND owner = :owner"))
        .bind("at", Db.at(notBefore)).bind("uncount", countRun ? 0 : 1).bind("now", Db.at(now))
        .bind("id", eventId).bind("owner", owner).execute());
  }

  /** Extends the leases of the items the owner runs. @return how many */
  int renew(String owner, Instant leaseUntil) {
    return db.write("work lease", h -> h.createUpdate(db.sql("UPDATE {work} SET lease_until = :lease"
            + " WHERE owner = :owner AND state = 'RUNNING'"))
        .bind("lease", Db.at(leaseUntil)).bind("owner", owner).execute());
  }

  /** @return how many items wait in the database, running ones included */
  int size() {
    return db.with("work count", h -> h.createQuery(db.sql("SELECT COUNT(*) FROM {work}")).mapTo(Integer.class)
        .one());
  }

  private static @Nullable String cut(@Nullable String text) {
    return text == null || text.length() <= MessageStore.MAX_TEXT ? text : text.substring(0, MessageStore.MAX_TEXT);
  }

  private static WorkItem row(ResultSet rs) throws SQLException {
    String bots = rs.getString("bot_user_ids");
    Set<String> botIds = bots == null ? Set.of()
        : Arrays.stream(bots.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new WorkItem(rs.getString("event_id"), WorkItem.Kind.valueOf(rs.getString("kind")),
        rs.getString("channel_id"), rs.getString("ts"), rs.getString("thread_ts"), rs.getString("user_id"),
        rs.getString("text"), botIds, rs.getInt("runs"));
  }
}
