package dev.custintel.slack.internal;

import dev.custintel.core.spi.StoreAccess;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * The store's access, with the Slack tables' names and the conversions both databases agree on. Statements run on
 * their own in auto-commit (a failed insert, a key taken, must not abort a surrounding transaction, which on
 * PostgreSQL it would), except an event's intake, which is one transaction that a taken key rolls back whole. Not
 * API.
 */
final class Db {
  private final StoreAccess access;

  Db(StoreAccess access) {
    this.access = access;
  }

  /**
   * @return the SQL with {@code {events}}, {@code {links}}, {@code {work}} and {@code {messages}} replaced by the
   *     prefixed table names
   */
  String sql(String template) {
    return template.replace("{events}", access.table("processed_slack_events"))
        .replace("{links}", access.table("slack_ticket_links"))
        .replace("{work}", access.table("slack_work"))
        .replace("{messages}", access.table("slack_messages"));
  }

  /** Runs reading work. */
  <T> T with(String operation, Function<Handle, T> work) {
    return access.read("Slack " + operation, work);
  }

  /** Runs one writing statement (see {@code StoreAccess#write}): on H2, in the file before it returns. */
  <T> T write(String operation, Function<Handle, T> work) {
    return access.write("Slack " + operation, work);
  }

  /** Runs the work in one transaction: all of it is written, or none. */
  <T> T inTransaction(String operation, Function<Handle, T> work) {
    return access.inTransaction("Slack " + operation, work);
  }

  /** @return whether the failure was a unique or primary key violation */
  boolean isDuplicateKey(Throwable failure) {
    return access.isDuplicateKey(failure);
  }

  /**
   * Runs one INSERT that may find its key taken.
   *
   * @return true if the row was inserted; false if a row with its key exists (SQLSTATE 23505)
   */
  boolean insertOnce(String operation, Function<Handle, Update> insert) {
    return write(operation, h -> {
      try {
        insert.apply(h).execute();
        return true;
      } catch (UnableToExecuteStatementException e) {
        if (access.isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  /** A {@code TIMESTAMP WITH TIME ZONE} argument, at UTC; set as an {@code OffsetDateTime} (JDBC 4.2). */
  static Argument at(@Nullable Instant instant) {
    if (instant == null) {
      return (position, statement, ctx) -> statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
    }
    OffsetDateTime value = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    return (position, statement, ctx) -> statement.setObject(position, value);
  }

  /** The instant of a NOT NULL column. */
  static Instant requiredInstant(@Nullable OffsetDateTime value) {
    return Objects.requireNonNull(value, "a NOT NULL column").toInstant();
  }

  static @Nullable Instant instant(@Nullable OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
