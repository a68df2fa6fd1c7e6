package dev.custintel.core.sync;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.internal.sync.JdbcSource;
import dev.custintel.core.internal.sync.WatermarkColumn;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OrderSource} over a host's own order tables: the host's SQL on the host's {@link DataSource}, which
 * may be another database than the store's (any database with a JDBC driver).
 *
 * <pre>{@code
 * OrderSource shop = JdbcOrderSource.builder()
 *     .name("shop")
 *     .dataSource(shopDataSource)
 *     .sql("SELECT o.id AS order_id, o.customer_id, o.created_at AS placed_at, o.currency,"
 *         + " l.sku AS product_id, l.qty AS quantity, l.total AS line_amount, o.updated_at"
 *         + " FROM shop_orders o JOIN shop_lines l ON l.order_id = o.id"
 *         + " WHERE o.updated_at > :watermark ORDER BY o.updated_at, o.id LIMIT :limit")
 *     .timestampWatermark("updated_at")
 *     .build();
 * store.sync().run(shop);
 * }</pre>
 *
 * <p><b>Columns.</b> The SQL returns one row per order line, with columns labelled (any case): {@code order_id,
 * customer_id, placed_at} (a timestamp; {@code TIMESTAMP WITH TIME ZONE} is read as it is), {@code currency} (an
 * ISO 4217 code), {@code product_id}, {@code quantity} (a whole number, at least 1), and {@code line_amount} (what
 * the line cost) or {@code unit_price} (then the amount is quantity x unit price; a non-null line_amount wins).
 * Optional: {@code kind} ({@code purchase} or {@code return}, any case; purchase when null), {@code product_name}
 * and {@code category} (the product is upserted when the name is given), {@code email} and {@code country} (the
 * customer is upserted; null keeps what is stored). Text is stripped of surrounding blanks. Other columns are
 * ignored. The rows of an order are grouped into one {@link dev.custintel.core.model.Order}; they must agree on
 * {@code customer_id, placed_at, currency, kind} and the watermark. A bad value fails the pull with an
 * {@link InvalidInputException} whose record names the order id and the source and whose field is the column.
 *
 * <p><b>Watermark.</b> One column of the result is the watermark: a timestamp
 * ({@link Builder#timestampWatermark}, kept as an ISO-8601 instant such as {@code 2024-03-01T10:15:30.123456Z}) or
 * a number ({@link Builder#numberWatermark}, kept as a plain decimal such as {@code 1234567}). It must have one
 * value per order (such as the order's {@code updated_at}, or a per-order maximum over its lines), grow when an
 * order changes, and the SQL must:
 * <ul>
 *   <li>select only rows whose watermark is above {@code :watermark} ({@code WHERE o.updated_at > :watermark});
 *       the first pull binds 0001-01-01T00:00:00Z for a timestamp and {@link Long#MIN_VALUE} for a number;
 *   <li>order the rows by the watermark ({@code ORDER BY o.updated_at}; then by the order id, for a stable plan);
 *   <li>optionally limit the rows to {@code :limit} ({@code LIMIT :limit} or {@code FETCH FIRST :limit ROWS
 *       ONLY}); the source also caps the rows it reads at the limit itself.
 * </ul>
 * {@code :watermark} and {@code :limit} are bound as JDBC parameters (never spliced into the text), each as often
 * as it appears; inside quotes and comments they are left alone. The watermark is bound as a
 * {@code TIMESTAMP WITH TIME ZONE} (UTC) or as a BIGINT (a decimal when it is not whole).
 *
 * <p><b>Paging.</b> A page reads at most the limit rows. Many orders may share a watermark value, and a full page
 * may end in the middle of them: the rows of a full page's last value are left out and read whole by the next
 * page (the page's watermark is the value before them). When every row of a full page has one value, the page is
 * read again with twice the limit until it holds them all. So no order is lost or split, whatever the limit.
 */
public final class JdbcOrderSource {
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private JdbcOrderSource() {}

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a JDBC order source. Name, data source, SQL and a watermark column are required. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable DataSource dataSource;
    private @Nullable String sql;
    private @Nullable WatermarkColumn watermark;

    private Builder() {}

    /**
     * @param value the name the store keeps the source's sync status under, 1 to 64 characters
     * @return this builder
     */
    public Builder name(String value) {
      this.name = Checks.id(Objects.requireNonNull(value, "name"), "name");
      return this;
    }

    /**
     * @param value the host's data source to read orders from; the source borrows one connection per pull and
     *     never closes the data source
     * @return this builder
     */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource");
      return this;
    }

    /**
     * @param value the SQL, with {@code :watermark} and optionally {@code :limit} (see the class comment)
     * @return this builder
     * @throws InvalidInputException if the SQL has no {@code :watermark}
     */
    public Builder sql(String value) {
      Objects.requireNonNull(value, "sql");
      JdbcSource.checkSql(value);
      this.sql = value;
      return this;
    }

    /**
     * @param column the label of the watermark column in the SQL's result: a timestamp, best a
     *     {@code TIMESTAMP WITH TIME ZONE}
     * @return this builder
     */
    public Builder timestampWatermark(String column) {
      return watermark(column, true);
    }

    /**
     * @param column the label of the watermark column in the SQL's result: a number, such as a row version or an
     *     increasing change id
     * @return this builder
     */
    public Builder numberWatermark(String column) {
      return watermark(column, false);
    }

    private Builder watermark(String column, boolean timestamp) {
      Objects.requireNonNull(column, "watermark column");
      if (!COLUMN.matcher(column).matches()) {
        throw InvalidInputException.argument(
            "watermark column", "must be a column label such as updated_at (was '" + column + "')");
      }
      if (watermark != null) {
        throw InvalidInputException.argument(
            "watermark column", "was already set to '" + watermark.name() + "'");
      }
      this.watermark = new WatermarkColumn(column.toLowerCase(Locale.ROOT), timestamp);
      return this;
    }

    /**
     * @return the source
     * @throws InvalidInputException naming the first setting missing
     */
    public OrderSource build() {
      if (name == null) {
        throw InvalidInputException.argument("name", "is required");
      }
      if (dataSource == null) {
        throw InvalidInputException.argument("dataSource", "is required");
      }
      if (sql == null) {
        throw InvalidInputException.argument("sql", "is required");
      }
      if (watermark == null) {
        throw InvalidInputException.argument(
            "watermark column", "is required: call timestampWatermark or numberWatermark");
      }
      return new JdbcSource(name, dataSource, sql, watermark);
    }
  }
}
