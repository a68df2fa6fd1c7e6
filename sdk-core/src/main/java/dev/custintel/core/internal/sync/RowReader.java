package dev.custintel.core.internal.sync;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JDBC source's result rows by column label (any case): required {@code order_id, customer_id,
 * placed_at, currency, product_id, quantity} and {@code line_amount} or {@code unit_price}, optional {@code kind,
 * product_name, category, email, country}, and the watermark column. Every bad value is an
 * {@link InvalidInputException} naming the column and the row's order. Not API.
 */
final class RowReader {
  private final String source;
  private final WatermarkColumn watermark;
  private final int orderId;
  private final int watermarkAt;
  private final int customerId;
  private final int placedAt;
  private final int currency;
  private final int productId;
  private final int quantity;
  private final int lineAmount;
  private final int unitPrice;
  private final int kind;
  private final int productName;
  private final int category;
  private final int email;
  private final int country;

  RowReader(ResultSetMetaData meta, String source, WatermarkColumn watermark) throws SQLException {
    this.source = source;
    this.watermark = watermark;
    Map<String, Integer> columns = new HashMap<>();
    for (int i = meta.getColumnCount(); i >= 1; i--) { // the first of two equal labels wins
      columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
    }
    orderId = required(columns, "order_id");
    watermarkAt = required(columns, watermark.name());
    customerId = required(columns, "customer_id");
    placedAt = required(columns, "placed_at");
    currency = required(columns, "currency");
    productId = required(columns, "product_id");
    quantity = required(columns, "quantity");
    lineAmount = columns.getOrDefault("line_amount", 0);
    unitPrice = columns.getOrDefault("unit_price", 0);
    if (lineAmount == 0 && unitPrice == 0) {
      throw InvalidInputException.argument("line_amount",
          "or unit_price must be a column of the SQL's result (neither is) [source '" + source + "']");
    }
    kind = columns.getOrDefault("kind", 0);
    productName = columns.getOrDefault("product_name", 0);
    category = columns.getOrDefault("category", 0);
    email = columns.getOrDefault("email", 0);
    country = columns.getOrDefault("country", 0);
  }

  private int required(Map<String, Integer> columns, String name) {
    Integer at = columns.get(name);
    if (at == null) {
      throw InvalidInputException.argument(name,
          "must be a column of the SQL's result (name it with AS " + name + ") [source '" + source + "']");
    }
    return at;
  }

  boolean hasProducts() {
    return productName != 0;
  }

  boolean hasCustomers() {
    return email != 0 || country != 0;
  }

  String record(String order) {
    return "order '" + order + "' of source '" + source + "'";
  }

  SourceRow read(ResultSet rs) throws SQLException {
    String order = text(rs, orderId);
    if (order == null) {
      throw new InvalidInputException("a row of source '" + source + "'", "order_id", "is required");
    }
    String record = record(order);
    cell(record, "order_id", () -> Checks.id(order, "id"));
    Comparable<?> mark = watermark.read(rs, watermarkAt, record);
    String customer = requiredText(rs, customerId, "customer_id", record);
    cell(record, "customer_id", () -> Checks.id(customer, "id"));
    Instant placed = placedAt(rs, record);
    Currency cur = currency(rs, record);
    String product = requiredText(rs, productId, "product_id", record);
    int units = quantity(rs, record);
    OrderLine line = line(rs, record, product, units);
    String name = optional(rs, productName, "product_name", record, 300);
    String cat = optional(rs, category, "category", record, 120);
    String mail = optional(rs, email, "email", record, 320);
    String place = optional(rs, country, "country", record, 64);
    return new SourceRow(order, mark, customer, placed, cur, kind(rs, record), line, name, cat, mail, place);
  }

  private static <T> T cell(String record, String column, Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(record, column, e.reason());
    }
  }

  private static @Nullable String text(ResultSet rs, int column) throws SQLException {
    String value = rs.getString(column);
    if (value == null) {
      return null;
    }
    String stripped = value.strip(); // CHAR(n) columns come padded
    return stripped.isEmpty() ? null : stripped;
  }

  private static String requiredText(ResultSet rs, int column, String name, String record) throws SQLException {
    String value = text(rs, column);
    if (value == null) {
      throw new InvalidInputException(record, name, "is required");
    }
    return value;
  }

  private static @Nullable String optional(ResultSet rs, int column, String name, String record, int max)
      throws SQLException {
    if (column == 0) {
      return null;
    }
    String value = text(rs, column);
    return cell(record, name, () -> Checks.optionalText(value, name, max));
  }

  private Instant placedAt(ResultSet rs, String record) throws SQLException {
    OffsetDateTime value;
    try {
      value = rs.getObject(placedAt, OffsetDateTime.class);
    } catch (SQLException | RuntimeException e) {
      throw new InvalidInputException(record, "placed_at", "must be a timestamp (" + e.getMessage() + ")");
    }
    if (value == null) {
      throw new InvalidInputException(record, "placed_at", "is required");
    }
    Instant instant = value.toInstant();
    return cell(record, "placed_at", () -> Checks.storable(instant, "placed_at"));
  }

  private Currency currency(ResultSet rs, String record) throws SQLException {
    String code = requiredText(rs, currency, "currency", record);
    try {
      return Currency.getInstance(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(record, "currency", "must be an ISO 4217 code (was '" + code + "')");
    }
  }

  private int quantity(ResultSet rs, String record) throws SQLException {
    BigDecimal value = number(rs, quantity, "quantity", record);
    if (value == null) {
      throw new InvalidInputException(record, "quantity", "is required");
    }
    try {
      int units = value.intValueExact();
      if (units >= 1) {
        return units;
      }
    } catch (ArithmeticException e) {
      // not a whole int: reported below
    }
    throw new InvalidInputException(
        record, "quantity", "must be a whole number from 1 to " + Integer.MAX_VALUE + " (was " + value + ")");
  }

  private OrderLine line(ResultSet rs, String record, String product, int units) throws SQLException {
    cell(record, "product_id", () -> Checks.id(product, "id"));
    BigDecimal amount = lineAmount == 0 ? null : number(rs, lineAmount, "line_amount", record);
    if (amount != null) {
      return cell(record, "line_amount", () -> new OrderLine(product, units, amount));
    }
    BigDecimal price = unitPrice == 0 ? null : number(rs, unitPrice, "unit_price", record);
    if (price == null) {
      throw new InvalidInputException(record, unitPrice == 0 ? "line_amount" : "unit_price", "is required");
    }
    if (price.signum() < 0) {
      throw new InvalidInputException(record, "unit_price", "must be 0 or more (was " + price + ")");
    }
    return cell(record, "unit_price", () -> OrderLine.ofUnitPrice(product, units, price));
  }

  private static @Nullable BigDecimal number(ResultSet rs, int column, String name, String record)
      throws SQLException {
    try {
      return rs.getBigDecimal(column);
    } catch (SQLException e) {
      throw new InvalidInputException(record, name, "must be a number (" + e.getMessage() + ")");
    }
  }

  private OrderKind kind(ResultSet rs, String record) throws SQLException {
    if (kind == 0) {
      return OrderKind.PURCHASE;
    }
    String value = text(rs, kind);
    if (value == null || value.equalsIgnoreCase("purchase")) {
      return OrderKind.PURCHASE;
    }
    if (value.equalsIgnoreCase("return")) {
      return OrderKind.RETURN;
    }
    throw new InvalidInputException(record, "kind", "must be purchase or return (was '" + value + "')");
  }
}
