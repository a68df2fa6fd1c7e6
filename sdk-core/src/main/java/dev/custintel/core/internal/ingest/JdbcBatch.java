package dev.custintel.core.internal.ingest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A JDBC batch on the transaction's connection. Bulk writes bypass Jdbi's per-argument binding, which costs more
 * than the database's own work at tens of thousands of rows per batch; values are set by type, nulls typed.
 * Not API.
 */
final class JdbcBatch implements AutoCloseable {
  private final PreparedStatement statement;
  private int column;
  private int size;

  JdbcBatch(Connection connection, String sql) {
    try {
      this.statement = connection.prepareStatement(sql);
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  JdbcBatch text(@Nullable String value) {
    try {
      if (value == null) {
        statement.setNull(++column, Types.VARCHAR);
      } else {
        statement.setString(++column, value);
      }
      return this;
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  JdbcBatch integer(int value) {
    try {
      statement.setInt(++column, value);
      return this;
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  JdbcBatch decimal(BigDecimal value) {
    try {
      statement.setBigDecimal(++column, value);
      return this;
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  JdbcBatch timestamp(@Nullable OffsetDateTime value) {
    try {
      if (value == null) {
        statement.setNull(++column, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(++column, value);
      }
      return this;
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  /** Ends the current row. */
  void add() {
    try {
      statement.addBatch();
      column = 0;
      size++;
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  /** Sends the rows added, if any. */
  void execute() {
    if (size == 0) {
      return;
    }
    try {
      statement.executeBatch();
      size = 0;
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  @Override
  public void close() {
    try {
      statement.close();
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  /** A JDBC failure inside a transaction callback; the transaction runner unwraps and classifies it. */
  static final class UncheckedSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedSqlException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
