package dev.custintel.analytics.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Multi-row INSERTs of at most {@link #MAX_PARAMETERS_PER_STATEMENT} parameters each: far fewer round trips than
 * one INSERT a row (a model run writes 100,000 score rows and tens of thousands of events), and within every
 * driver's parameter limit. Not API.
 */
public final class RowInserter {
  /** Parameters per multi-row INSERT: well under every driver's limit (PostgreSQL's is 65,535). */
  static final int MAX_PARAMETERS_PER_STATEMENT = 6_500;

  /** Binds one row's parameters starting at index {@code first}. */
  @FunctionalInterface
  public interface Binder<T> {
    /** @param ps the statement @param first the row's first parameter index @param row the row */
    void bind(PreparedStatement ps, int first, T row) throws SQLException;
  }

  private RowInserter() {}

  /**
   * @param table the table's full name, safe to splice
   * @param columns the column list
   * @param columnCount how many columns
   * @param what what is written, for the error
   * @throws IllegalStateException wrapping the driver's error, so that the caller's transaction rolls back
   */
  public static <T> void insert(
      Connection connection, String table, String columns, int columnCount, List<T> rows, Binder<T> binder,
      String what) {
    if (rows.isEmpty()) {
      return;
    }
    int perStatement = Math.max(1, MAX_PARAMETERS_PER_STATEMENT / columnCount);
    try {
      try (PreparedStatement full = connection.prepareStatement(sql(table, columns, columnCount, perStatement))) {
        int i = 0;
        for (; i + perStatement <= rows.size(); i += perStatement) {
          bindRows(full, columnCount, rows.subList(i, i + perStatement), binder);
          full.executeUpdate();
        }
        if (i < rows.size()) {
          List<T> rest = rows.subList(i, rows.size());
          try (PreparedStatement last = connection.prepareStatement(sql(table, columns, columnCount, rest.size()))) {
            bindRows(last, columnCount, rest, binder);
            last.executeUpdate();
          }
        }
      }
    } catch (SQLException e) {
      // Rolls the caller's transaction back; the store's translation names the write as what failed.
      throw new IllegalStateException("Writing " + what + " failed", e);
    }
  }

  private static <T> void bindRows(PreparedStatement ps, int columnCount, List<T> rows, Binder<T> binder)
      throws SQLException {
    int p = 1;
    for (T row : rows) {
      binder.bind(ps, p, row);
      p += columnCount;
    }
  }

  private static String sql(String table, String columns, int columnCount, int rows) {
    String tuple = "(" + "?,".repeat(columnCount - 1) + "?)";
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ",").append(tuple);
    }
    return sql.toString();
  }
}
