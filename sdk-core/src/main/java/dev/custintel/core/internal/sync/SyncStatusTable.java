package dev.custintel.core.internal.sync;

import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.internal.store.TransactionRunner;
import dev.custintel.core.sync.SyncOutcome;
import dev.custintel.core.sync.SyncStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;

/** Reads and writes {@code <prefix>sync_status}, one row per source. Not API. */
final class SyncStatusTable {
  private static final String COLUMNS = "source_name, running, started_at, ended_at, outcome, watermark,"
      + " orders_pulled, orders_written, error_message";
  static final int MAX_ERROR = 2000;

  private final TransactionRunner tx;
  private final Tables tables;

  SyncStatusTable(TransactionRunner tx, Tables tables) {
    this.tx = tx;
    this.tables = tables;
  }

  /** A claimed run: its token, and the watermark it starts from. */
  record Claim(String token, @Nullable String watermark) {}

  /**
   * Claims the source for a run: the source's row when no run holds it (or the one that does has shown no
   * progress since {@code staleBefore}), or a new row.
   *
   * @return the claim, or empty when another run holds the source
   */
  Optional<Claim> claim(String source, String token, Instant now, Instant staleBefore) {
    int updated = write("Starting a sync of '" + source + "'", h -> h.createUpdate(tables.sql(
            "UPDATE {sync_status} SET running = TRUE, run_token = :token, started_at = :now, heartbeat_at = :now"
                + " WHERE source_name = :source AND (running = FALSE OR heartbeat_at < :stale)"))
        .bind("token", token).bind("now", odt(now)).bind("stale", odt(staleBefore)).bind("source", source)
        .execute());
    if (updated == 1) {
      String watermark = tx.withHandle("Reading the sync status of '" + source + "'", h -> h.createQuery(
              tables.sql("SELECT watermark FROM {sync_status} WHERE source_name = :source"))
          .bind("source", source).mapTo(String.class).one());
      return Optional.of(new Claim(token, watermark));
    }
    try {
      write("Starting a sync of '" + source + "'", h -> h.createUpdate(tables.sql(
              "INSERT INTO {sync_status} (source_name, running, run_token, started_at, heartbeat_at, orders_pulled,"
                  + " orders_written) VALUES (:source, TRUE, :token, :now, :now, 0, 0)"))
          .bind("source", source).bind("token", token).bind("now", odt(now)).execute());
      return Optional.of(new Claim(token, null));
    } catch (RuntimeException e) {
      if (TransactionRunner.isDuplicateKey(e)) {
        return Optional.empty(); // the row is there, and a run holds it
      }
      throw e;
    }
  }

  /** @return whether the run still holds the source (it was not taken over) */
  boolean heartbeat(String source, String token, Instant now) {
    return write("Recording the progress of a sync of '" + source + "'", h -> h.createUpdate(tables.sql(
            "UPDATE {sync_status} SET heartbeat_at = :now WHERE source_name = :source AND run_token = :token"))
        .bind("now", odt(now)).bind("source", source).bind("token", token).execute()) == 1;
  }

  /** Ends a run: a successful one moves the watermark, a failed one records its error and keeps it. */
  boolean finish(String source, String token, Instant now, SyncOutcome outcome, @Nullable String watermark,
      long pulled, long written, @Nullable String error) {
    String moveWatermark = outcome == SyncOutcome.OK ? ", watermark = :watermark" : "";
    return write("Recording the end of a sync of '" + source + "'", h -> h.createUpdate(tables.sql(
            "UPDATE {sync_status} SET running = FALSE, ended_at = :now, heartbeat_at = :now, outcome = :outcome,"
                + " orders_pulled = :pulled, orders_written = :written, error_message = :error" + moveWatermark
                + " WHERE source_name = :source AND run_token = :token"))
        .bind("now", odt(now)).bind("outcome", outcome.name()).bind("pulled", pulled).bind("written", written)
        .bind("error", error == null ? null : truncate(error)).bind("watermark", watermark)
        .bind("source", source).bind("token", token)
        .execute()) == 1;
  }

  Optional<SyncStatus> read(String source) {
    return tx.withHandle("Reading the sync status of '" + source + "'", h -> h.createQuery(tables.sql(
            "SELECT " + COLUMNS + " FROM {sync_status} WHERE source_name = :source"))
        .bind("source", source).map((rs, ctx) -> status(rs)).findOne());
  }

  List<SyncStatus> readAll() {
    return tx.withHandle("Reading the sync statuses", h -> h.createQuery(tables.sql(
            "SELECT " + COLUMNS + " FROM {sync_status} ORDER BY source_name"))
        .map((rs, ctx) -> status(rs)).list());
  }

  /** @return when the run holding the source started, or null when none holds it now */
  @Nullable Instant runningSince(String source) {
    return read(source).filter(SyncStatus::running).map(SyncStatus::lastStartedAt).orElse(null);
  }

  private <T> T write(String operation, Function<Handle, T> work) {
    return tx.inTransaction(operation, TransactionIsolationLevel.READ_COMMITTED, false, work);
  }

  private static SyncStatus status(ResultSet rs) throws SQLException {
    String outcome = rs.getString("outcome");
    return new SyncStatus(
        rs.getString("source_name"),
        rs.getBoolean("running"),
        instant(rs.getObject("started_at", OffsetDateTime.class)),
        nullableInstant(rs.getObject("ended_at", OffsetDateTime.class)),
        outcome == null ? null : SyncOutcome.valueOf(outcome),
        rs.getString("watermark"),
        rs.getLong("orders_pulled"),
        rs.getLong("orders_written"),
        rs.getString("error_message"));
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
  }

  private static OffsetDateTime odt(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime odt) {
    return odt.toInstant();
  }

  private static @Nullable Instant nullableInstant(@Nullable OffsetDateTime odt) {
    return odt == null ? null : odt.toInstant();
  }
}
