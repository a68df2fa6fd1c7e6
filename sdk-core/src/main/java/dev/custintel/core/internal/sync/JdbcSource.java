package dev.custintel.core.internal.sync;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Secrets;
import dev.custintel.core.sync.OrderSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC order source: runs the host's SQL on the host's data source and groups the rows into orders. Not API:
 * build it with {@link dev.custintel.core.sync.JdbcOrderSource#builder}.
 *
 * <p>Paging: the SQL reads rows with a watermark above the one given, ordered by the watermark, at most
 * {@code limit} rows. When fewer come, the page is the rest of the changes. When the page is full, the rows of its
 * last watermark value may go on past the page: they are left out, and the page's watermark is the value before
 * it, so the next page reads them all. When every row of a full page has one value, the page is read again with
 * twice the limit, until a second value or the end shows. Since every row of an order has the order's watermark
 * value, a page never holds part of an order either.
 */
public final class JdbcSource implements OrderSource {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSource.class);

  private final String name;
  private final DataSource dataSource;
  private final NamedSql sql;
  private final WatermarkColumn watermark;

  /**
   * @param name the source's name
   * @param dataSource the host's data source
   * @param sql the host's SQL, with {@code :watermark} and optionally {@code :limit}
   * @param watermark the watermark column
   */
  public JdbcSource(String name, DataSource dataSource, String sql, WatermarkColumn watermark) {
    this.name = name;
    this.dataSource = dataSource;
    this.sql = NamedSql.parse(sql);
    this.watermark = watermark;
  }

  /**
   * @param sql a host's SQL
   * @throws InvalidInputException if it has no {@code :watermark}
   */
  public static void checkSql(String sql) {
    NamedSql.parse(sql);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Batch pull(@Nullable String from, int limit) {
    if (limit < 1) {
      throw InvalidInputException.argument("limit", "must be at least 1 (was " + limit + ")");
    }
    try (Connection c = dataSource.getConnection()) {
      for (int rows = limit; ; rows = rows > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : rows * 2) {
        Page page = query(c, from, rows);
        if (page.rows.size() < rows) {
          String mark = page.rows.isEmpty() ? from : watermark.render(last(page.rows).watermark());
          return OrderGrouping.batch(page.rows, page.reader, watermark, mark, false);
        }
        Comparable<?> lastValue = last(page.rows).watermark();
        int keep = page.rows.size();
        while (keep > 0 && WatermarkColumn.compare(page.rows.get(keep - 1).watermark(), lastValue) == 0) {
          keep--;
        }
        if (keep > 0) {
          List<SourceRow> kept = page.rows.subList(0, keep);
          return OrderGrouping.batch(
              kept, page.reader, watermark, watermark.render(last(kept).watermark()), true);
        }
        if (rows == Integer.MAX_VALUE) {
          throw InvalidInputException.argument("limit", "cannot hold the rows of one watermark value");
        }
        LOG.debug("Source '{}': all {} rows of a page have the watermark {}; reading it again with twice the limit",
            name, rows, lastValue);
      }
    } catch (SQLException e) {
      throw new DataAccessException("Pulling from source '" + name + "' failed: " + Secrets.mask(e.getMessage()),
          Secrets.scrubbed(e));
    }
  }

  private static SourceRow last(List<SourceRow> rows) {
    return rows.get(rows.size() - 1);
  }

  private record Page(List<SourceRow> rows, RowReader reader) {}

  private Page query(Connection c, @Nullable String from, int rows) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql.jdbc())) {
      List<String> parameters = sql.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        if (parameters.get(i).equals(NamedSql.WATERMARK)) {
          watermark.bind(st, i + 1, from);
        } else {
          st.setInt(i + 1, rows);
        }
      }
      st.setMaxRows(rows); // the page's limit even when the SQL has no :limit
      try (ResultSet rs = st.executeQuery()) {
        RowReader reader = new RowReader(rs.getMetaData(), name, watermark);
        List<SourceRow> read = new ArrayList<>();
        while (rs.next()) {
          SourceRow row = reader.read(rs);
          if (!read.isEmpty() && WatermarkColumn.compare(last(read).watermark(), row.watermark()) > 0) {
            throw new InvalidInputException(reader.record(row.orderId()), watermark.name(),
                "comes out of order (" + row.watermark() + " after " + last(read).watermark()
                    + "): the SQL must end with ORDER BY " + watermark.name());
          }
          read.add(row);
        }
        return new Page(read, reader);
      }
    }
  }
}
