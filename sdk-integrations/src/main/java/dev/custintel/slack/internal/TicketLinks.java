package dev.custintel.slack.internal;

import dev.custintel.slack.TicketLink;
import dev.custintel.slack.TicketLinkStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ticket link of each Slack message, one row per (channel, message ts), and the atomic claims on it. An attempt
 * to create a ticket owns the row while it is PENDING with the attempt's number; every later write of the attempt
 * names that number, so an attempt that lost its claim (it outlived the claim timeout and another took over)
 * writes nothing. Not API.
 */
final class TicketLinks {
  private static final String COLUMNS = "channel_id, message_ts, thread_ts, status, external_id, ticket_id,"
      + " ticket_url, attempts, last_error, created_at, updated_at, linked_at, closed_at";
  /** Longest last_error stored (the column's size). */
  static final int MAX_ERROR = 1000;

  private final Db db;

  TicketLinks(Db db) {
    this.db = db;
  }

  /** What {@link #claim} got. */
  enum ClaimKind {
    /** The caller owns the attempt numbered {@link Claim#attempt()}. */
    OWNED,
    /** The message already has its ticket: {@link Claim#link()}. */
    LINKED,
    /** Another attempt holds a fresh claim. */
    BUSY
  }

  record Claim(ClaimKind kind, int attempt, @Nullable TicketLink link) {}

  Optional<TicketLink> find(String channelId, String messageTs) {
    return db.with("link lookup", h -> h.createQuery(db.sql("SELECT " + COLUMNS
            + " FROM {links} WHERE channel_id = :c AND message_ts = :ts"))
        .bind("c", channelId).bind("ts", messageTs).map((rs, ctx) -> row(rs)).findOne());
  }

  /**
   * Claims the message for a new attempt: inserts the PENDING row (the primary key lets one inserter win), or
   * takes over a FAILED row, a PENDING one whose claim is older than {@code staleBefore}, or a PENDING one that
   * {@code workId} claimed itself in an earlier run (that run died: it was resumed).
   *
   * @param workId the work item (its event id) the attempt belongs to
   */
  Claim claim(String channelId, String messageTs, String externalId, String workId, Instant now,
      Instant staleBefore) {
    for (int tries = 0; tries < 3; tries++) {
      if (insert(channelId, messageTs, externalId, workId, now)) {
        return new Claim(ClaimKind.OWNED, 1, null);
      }
      Optional<TicketLink> row = find(channelId, messageTs);
      if (row.isEmpty()) {
        continue; // released between our insert and our read: try the insert again
      }
      TicketLink link = row.get();
      if (link.status() == TicketLinkStatus.LINKED) {
        return new Claim(ClaimKind.LINKED, link.attempts(), link);
      }
      Integer attempt = takeOver(channelId, messageTs, link.attempts(), workId, now, staleBefore);
      if (attempt != null) {
        return new Claim(ClaimKind.OWNED, attempt, null);
      }
      if (link.status() == TicketLinkStatus.PENDING) {
        return new Claim(ClaimKind.BUSY, link.attempts(), link);
      }
      // FAILED, but another caller took it over first: read it again.
    }
    return new Claim(ClaimKind.BUSY, 0, null);
  }

  private boolean insert(String channelId, String messageTs, String externalId, String workId, Instant now) {
    return db.insertOnce("link claim", h -> h.createUpdate(db.sql("INSERT INTO {links} (channel_id, message_ts,"
            + " status, external_id, attempts, claimed_by, claimed_at, created_at, updated_at)"
            + " VALUES (:c, :ts, 'PENDING', :ext, 1, :by, :now, :now, :now)"))
        .bind("c", channelId)
        .bind("ts", messageTs)
        .bind("ext", externalId)
        .bind("by", workId)
        .bind("now", Db.at(now)));
  }

  /**
   * Takes over a FAILED link, a PENDING one claimed before {@code staleBefore}, or a PENDING one claimed by
   * {@code workId} itself, if it still has the attempt number the caller saw. One statement: of two callers, one
   * changes the row and the other finds it changed.
   *
   * @param workId the work item the new attempt belongs to; empty for {@code retryFailed()}
   * @return the new attempt's number, or null if the link was not there to take
   */
  @Nullable Integer takeOver(String channelId, String messageTs, int seenAttempts, String workId, Instant now,
      Instant staleBefore) {
    int changed = db.write("link takeover", h -> h.createUpdate(db.sql("UPDATE {links} SET status = 'PENDING',"
            + " attempts = attempts + 1, claimed_by = :by, claimed_at = :now, updated_at = :now"
            + " WHERE channel_id = :c AND message_ts = :ts AND attempts = :seen AND (status = 'FAILED'"
            + " OR (status = 'PENDING' AND (claimed_at < :stale OR claimed_by = :by)))"))
        .bind("c", channelId)
        .bind("ts", messageTs)
        .bind("seen", seenAttempts)
        .bind("by", workId)
        .bind("now", Db.at(now))
        .bind("stale", Db.at(staleBefore))
        .execute());
    return changed == 1 ? seenAttempts + 1 : null;
  }

  /** Records the ticket. @return false if the attempt no longer owns the link */
  boolean linked(String channelId, String messageTs, int attempt, String threadTs, long ticketId,
      @Nullable String ticketUrl, Instant now) {
    return db.write("link update", h -> h.createUpdate(db.sql("UPDATE {links} SET status = 'LINKED',"
            + " ticket_id = :id, ticket_url = :url, thread_ts = :thread, last_error = NULL, linked_at = :now,"
            + " updated_at = :now WHERE channel_id = :c AND message_ts = :ts AND attempts = :a AND status = 'PENDING'"))
        .bind("id", ticketId)
        .bind("url", ticketUrl)
        .bind("thread", threadTs)
        .bind("now", Db.at(now))
        .bind("c", channelId)
        .bind("ts", messageTs)
        .bind("a", attempt)
        .execute()) == 1;
  }

  /** Records the failure of the attempt, and the thread if it is known by now. */
  boolean failed(String channelId, String messageTs, int attempt, @Nullable String threadTs, String error,
      Instant now) {
    String setThread = threadTs == null ? "" : " thread_ts = :thread,";
    return db.write("link update", h -> h.createUpdate(db.sql("UPDATE {links} SET status = 'FAILED'," + setThread
            + " last_error = :error, updated_at = :now"
            + " WHERE channel_id = :c AND message_ts = :ts AND attempts = :a AND status = 'PENDING'"))
        .bindMap(threadTs == null ? Map.of() : Map.of("thread", threadTs))
        .bind("error", cut(error))
        .bind("now", Db.at(now))
        .bind("c", channelId)
        .bind("ts", messageTs)
        .bind("a", attempt)
        .execute()) == 1;
  }

  /** Gives the claim up and removes the link, as if the attempt never happened (nothing to make a ticket of). */
  void release(String channelId, String messageTs, int attempt) {
    db.write("link release", h -> h.createUpdate(db.sql("DELETE FROM {links}"
            + " WHERE channel_id = :c AND message_ts = :ts AND attempts = :a AND status = 'PENDING'"))
        .bind("c", channelId).bind("ts", messageTs).bind("a", attempt).execute());
  }

  /**
   * @return FAILED links, and PENDING links claimed before {@code staleBefore}, with fewer than {@code maxAttempts}
   *     attempts; least recently updated first
   */
  List<TicketLink> retryable(Instant staleBefore, int maxAttempts, int limit) {
    return db.with("link scan", h -> h.createQuery(db.sql("SELECT " + COLUMNS + " FROM {links}"
            + " WHERE attempts < :max AND (status = 'FAILED' OR (status = 'PENDING' AND claimed_at < :stale))"
            + " ORDER BY updated_at, channel_id, message_ts LIMIT :limit"))
        .bind("max", maxAttempts)
        .bind("stale", Db.at(staleBefore))
        .bind("limit", limit)
        .map((rs, ctx) -> row(rs))
        .list());
  }

  /** @return the LINKED links of a message, or of every message of the thread it is the parent of */
  List<TicketLink> linkedAt(String channelId, String ts) {
    return db.with("link lookup", h -> h.createQuery(db.sql("SELECT " + COLUMNS + " FROM {links}"
            + " WHERE channel_id = :c AND (message_ts = :ts OR thread_ts = :ts) AND status = 'LINKED'"
            + " ORDER BY created_at, message_ts"))
        .bind("c", channelId).bind("ts", ts).map((rs, ctx) -> row(rs)).list());
  }

  /**
   * The close's claim: sets closed_at if it is not set, or if {@code workId} set it (its earlier run died).
   *
   * @return whether this call set it
   */
  boolean claimClose(String channelId, String messageTs, String workId, Instant now) {
    return db.write("link close", h -> h.createUpdate(db.sql("UPDATE {links} SET closed_at = :now, closed_by = :by,"
            + " updated_at = :now WHERE channel_id = :c AND message_ts = :ts AND status = 'LINKED'"
            + " AND (closed_at IS NULL OR closed_by = :by)"))
        .bind("now", Db.at(now)).bind("by", workId).bind("c", channelId).bind("ts", messageTs).execute()) == 1;
  }

  /** Undoes a close claim whose Gorgias call failed, keeping the error. */
  void releaseClose(String channelId, String messageTs, String error, Instant now) {
    db.write("link close", h -> h.createUpdate(db.sql("UPDATE {links} SET closed_at = NULL, closed_by = NULL,"
            + " last_error = :error,"
            + " updated_at = :now WHERE channel_id = :c AND message_ts = :ts"))
        .bind("error", cut(error)).bind("now", Db.at(now)).bind("c", channelId).bind("ts", messageTs).execute());
  }

  private static String cut(String error) {
    return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
  }

  private static TicketLink row(ResultSet rs) throws SQLException {
    long ticketId = rs.getLong("ticket_id");
    Long ticket = rs.wasNull() ? null : ticketId;
    return new TicketLink(
        rs.getString("channel_id"),
        rs.getString("message_ts"),
        rs.getString("thread_ts"),
        TicketLinkStatus.valueOf(rs.getString("status")),
        rs.getString("external_id"),
        ticket,
        rs.getString("ticket_url"),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        Db.requiredInstant(rs.getObject("created_at", OffsetDateTime.class)),
        Db.requiredInstant(rs.getObject("updated_at", OffsetDateTime.class)),
        Db.instant(rs.getObject("linked_at", OffsetDateTime.class)),
        Db.instant(rs.getObject("closed_at", OffsetDateTime.class)));
  }
}
