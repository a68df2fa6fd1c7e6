package dev.custintel.slack.internal;

import dev.custintel.core.DataAccessException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * Jdbi over the store's data source, with the table prefix and the conversions both databases agree on. Every
 * statement runs on its own in auto-commit: a failed insert (a key taken) must not abort a surrounding
 * transaction, which on PostgreSQL it would. Not API.
 */
final class Db {
  private final Jdbi jdbi;
  private final String prefix;

  Db(Jdbi jdbi, String prefix) {
    this.jdbi = jdbi;
    this.prefix = prefix;
  }

  /** @return the SQL with {@code {name}} replaced by the prefixed table name (the prefix was validated) */
  String sql(String template) {
    return template.replace("{events}", prefix + "processed_slack_events")
        .replace("{links}", prefix + "slack_ticket_links");
  }

  <T> T with(String operation, Function<Handle, T> work) {
    try {
      return jdbi.withHandle(work::apply);
    } catch (JdbiException e) {
      throw new DataAccessException("Slack " + operation + " failed: " + root(e).getMessage(), e);
    }
  }

  /**
   * Runs one INSERT that may find its key taken.
   *
   * @return true if the row was inserted; false if a row with its key exists (SQLSTATE 23505)
   */
  boolean insertOnce(String operation, Function<Handle, Update> insert) {
    return with(operation, h -> {
      try {
        insert.apply(h).execute();
        return true;
      } catch (UnableToExecuteStatementException e) {
        if (isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  /** @return whether the failure is a unique or primary key violation (SQLSTATE 23505 on both databases) */
  private static boolean isDuplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** A {@code TIMESTAMP WITH TIME ZONE} argument, at UTC; set as an {@code OffsetDateTime} (JDBC 4.2). */
  static Argument at(@Nullable Instant instant) {
    if (instant == null) {
      return (position, statement, ctx) -> statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
    }
    OffsetDateTime value = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    return (position, statement, ctx) -> statement.setObject(position, value);
  }

  static @Nullable Instant instant(@Nullable OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
