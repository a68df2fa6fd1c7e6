package dev.custintel.slack.internal;

import dev.custintel.slack.SlackMessage;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages that ticket work needs, kept in the database (copied from the message cache when the reaction is
 * accepted, or stored when read from Slack) so that work resumed after a restart does not read
 * them from Slack again (the read methods allow about one call a minute). A row expires; it is deleted once the
 * ticket is linked. Not API.
 */
final class MessageStore {
  private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);
  /** Longest text kept: Slack cuts messages at 40,000 characters. */
  static final int MAX_TEXT = 40_000;

  private final Db db;

  MessageStore(Db db) {
    this.db = db;
  }

  /** @return whether the message fits the table (ids Slack's size); one that does not is not kept */
  static boolean fits(SlackMessage m) {
    return m.channelId().length() <= SlackIds.MAX_ID && m.ts().length() <= SlackIds.MAX_TS
        && (m.threadTs() == null || m.threadTs().length() <= SlackIds.MAX_TS)
        && (m.userId() == null || m.userId().length() <= SlackIds.MAX_ID)
        && (m.botId() == null || m.botId().length() <= SlackIds.MAX_ID);
  }

  /**
   * Keeps the message, or updates the kept copy: an insert, or an update when the key is taken (two reactions on one
   * message may both keep it). A failure is logged only: the work has the message in hand, or reads it again.
   */
  void save(SlackMessage m, Instant expiresAt) {
    if (!fits(m)) {
      return;
    }
    String text = m.text().length() <= MAX_TEXT ? m.text() : m.text().substring(0, MAX_TEXT);
    try {
      boolean inserted = db.insertOnce("message save", h -> bindRow(h.createUpdate(db.sql("INSERT INTO {messages}"
          + " (channel_id, ts, thread_ts, user_id, bot_id, text, expires_at)"
          + " VALUES (:c, :ts, :thread, :user, :bot, :text, :expires)")), m, text, expiresAt));
      if (!inserted) {
        db.write("message save", h -> bindRow(h.createUpdate(db.sql("UPDATE {messages} SET thread_ts = :thread,"
            + " user_id = :user, bot_id = :bot, text = :text, expires_at = :expires"
            + " WHERE channel_id = :c AND ts = :ts")), m, text, expiresAt).execute());
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not keep Slack message {} in {}: {}", m.ts(), m.channelId(), e.getMessage());
    }
  }

  /** Binds the columns of a kept message, the same for its insert and its update. */
  private static Update bindRow(Update update, SlackMessage m, String text, Instant expiresAt) {
    return update
        .bind("c", m.channelId())
        .bind("ts", m.ts())
        .bind("thread", m.threadTs())
        .bind("user", m.userId())
        .bind("bot", m.botId())
        .bind("text", text)
        .bind("expires", Db.at(expiresAt));
  }

  Optional<SlackMessage> find(String channelId, String ts, Instant now) {
    return db.with("message lookup", h -> h.createQuery(db.sql("SELECT channel_id, ts, thread_ts, user_id, bot_id,"
            + " text FROM {messages} WHERE channel_id = :c AND ts = :ts AND expires_at > :now"))
        .bind("c", channelId).bind("ts", ts).bind("now", Db.at(now))
        .map((rs, ctx) -> new SlackMessage(rs.getString("channel_id"), rs.getString("ts"), rs.getString("thread_ts"),
            rs.getString("user_id"), rs.getString("bot_id"), rs.getString("text")))
        .findOne());
  }

  void delete(String channelId, String ts) {
    db.write("message delete", h -> h.createUpdate(db.sql("DELETE FROM {messages} WHERE channel_id = :c AND ts = :ts"))
        .bind("c", channelId).bind("ts", ts).execute());
  }

  /** @return how many expired messages were deleted */
  int purge(Instant now) {
    return db.write("message purge", h -> h.createUpdate(db.sql("DELETE FROM {messages} WHERE expires_at <= :now"))
        .bind("now", Db.at(now)).execute());
  }
}
