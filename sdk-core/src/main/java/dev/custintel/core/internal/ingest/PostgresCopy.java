package dev.custintel.core.internal.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Bulk insert with PostgreSQL's {@code COPY ... FROM STDIN} on the transaction's connection: several times faster
 * than batched INSERTs for order lines. Used only when the PostgreSQL driver is on the class path and the
 * connection unwraps to it; otherwise ingestion uses JDBC batches. Not API.
 */
final class PostgresCopy {
  private static final boolean DRIVER_PRESENT = driverPresent();

  private final StringBuilder rows = new StringBuilder(1 << 16);
  private final String sql;
  private boolean rowStarted;

  private PostgresCopy(String table, String columns) {
    this.sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
  }

  /** @return whether the connection is a PostgreSQL driver connection that can COPY */
  static boolean available(Connection connection) {
    if (!DRIVER_PRESENT) {
      return false;
    }
    try {
      return connection.isWrapperFor(PGConnection.class);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * @param table the table
   * @param columns the columns each row gives, comma-separated
   * @return a writer collecting rows for one COPY
   */
  static PostgresCopy forTable(String table, String columns) {
    return new PostgresCopy(table, columns);
  }

  PostgresCopy text(String value) {
    separator();
    rows.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"') {
        rows.append('"');
      }
      rows.append(ch);
    }
    rows.append('"');
    return this;
  }

  PostgresCopy plain(Object value) {
    separator();
    rows.append(value);
    return this;
  }

  private void separator() {
    if (rowStarted) {
      rows.append(',');
    }
    rowStarted = true;
  }

  void endRow() {
    rows.append('\n');
    rowStarted = false;
  }

  long execute(Connection connection) {
    if (rows.length() == 0) {
      return 0;
    }
    try {
      PGConnection pg = connection.unwrap(PGConnection.class);
      return pg.getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
    } catch (SQLException e) {
      throw new JdbcBatch.UncheckedSqlException(e);
    } catch (IOException e) {
      throw new JdbcBatch.UncheckedSqlException(new SQLException("COPY failed: " + e.getMessage(), e));
    }
  }

  private static boolean driverPresent() {
    try {
      Class.forName("org.postgresql.PGConnection", false, PostgresCopy.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
