package dev.custintel.core.internal.imports;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.csv.CsvHeader;
import dev.custintel.core.csv.CsvLineSplitter;
import dev.custintel.core.csv.LineReader;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads the generic orders CSV ({@link ImportFormat#ORDERS_CSV}). Not API.
 *
 * <p>Comma-separated, UTF-8, with a header naming the columns in any order and case: required {@code order_id,
 * customer_id, placed_at, product_id, quantity, currency} and {@code unit_price} or {@code line_amount} (or both);
 * optional {@code kind, product_name, category, country, email}. Columns with other names are ignored. Fields
 * may be quoted with {@code "} ({@code ""} inside quotes is one quote; a quoted field cannot span lines). Values
 * are stripped of surrounding whitespace; a blank optional value counts as absent. Rejections name the column as
 * the header writes it, or {@code row} for a wrong column count or an unterminated quote. Blank lines are ignored:
 * they are not rows, but they count in line numbers.
 *
 * <p>One row per order line. {@code placed_at} is an ISO-8601 instant or offset date-time
 * ({@code 2024-03-01T10:15:30Z}, {@code 2024-03-01T11:15:30+01:00}, optionally with a {@code [zone]}), a local
 * date-time ({@code 2024-03-01T10:15:30}) or a date ({@code 2024-03-01}, midnight); local ones are in the import
 * zone. {@code quantity} is a positive integer, for returns too. {@code currency} is an ISO 4217 code (any case).
 * {@code kind} is {@code purchase} or {@code return} (any case), purchase when blank or absent. The line amount is
 * {@code line_amount} when the row gives one (then {@code unit_price} is ignored), else quantity x
 * {@code unit_price}; either must be 0 or more, and the amount must have at most 4 decimals. A product without a
 * {@code product_name} is named by its id.
 *
 * <p>The rows of one order must be adjacent: an order is complete, and emitted, when a row of another order (or
 * the end of the file) is read, so memory is one order's rows. Its customer, currency, kind and time are those of
 * its first imported row; a later row that disagrees on {@code customer_id, currency, kind} or {@code placed_at}
 * is rejected (the customer's country and email are those of the first row and are not compared). Its products
 * are one per product id, named as the first row for that product names them. A rejected row is left out of its
 * order, which is still imported from its other rows; an order with no row left gives no order. An order id whose
 * rows come back after another order's is emitted again, as a second order of that id: the importer recognises
 * such repeats anywhere in the file, whatever their distance, and lets the last version win or rejects it (issue
 * 11, D9; until then a repeat within the last 10,000 orders was rejected here and a later one replaced the first
 * silently).
 */
final class OrdersCsvParser implements OrderFileParser {

  @Override
  public void parse(Path file, ZoneId zone, ParsedOrderSink sink) {
    try (LineReader reader = LineReader.open(file)) {
      String header = reader.readNonBlankLine();
      if (header == null) {
        throw new InvalidInputException(reader.recordName(), "file", "is empty");
      }
      Orders orders = new Orders(Columns.of(CsvHeader.parse(header, ',', reader.recordName()), reader), zone, sink);
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          orders.read(line, reader.lineNumber());
        }
      }
      orders.finish();
    }
  }

  /** Column positions; -1 for an absent optional column. */
  private record Columns(
      CsvHeader header,
      int orderId,
      int customerId,
      int placedAt,
      int productId,
      int quantity,
      int currency,
      int unitPrice,
      int lineAmount,
      int kind,
      int productName,
      int category,
      int country,
      int email) {

    static Columns of(CsvHeader header, LineReader reader) {
      int unitPrice = header.find("unit_price");
      int lineAmount = header.find("line_amount");
      Columns columns =
          new Columns(
              header,
              header.require("order_id"),
              header.require("customer_id"),
              header.require("placed_at"),
              header.require("product_id"),
              header.require("quantity"),
              header.require("currency"),
              unitPrice,
              lineAmount,
              header.find("kind"),
              header.find("product_name"),
              header.find("category"),
              header.find("country"),
              header.find("email"));
      if (unitPrice < 0 && lineAmount < 0) {
        throw new InvalidInputException(
            reader.recordName(), "unit_price", "or line_amount must be in the header (neither is)");
      }
      return columns;
    }

    String name(int column) {
      return header.name(column);
    }
  }

  /** One imported row. */
  private record Row(
      long line,
      Customer customer,
      Instant placedAt,
      Currency currency,
      OrderKind kind,
      OrderLine orderLine,
      Product product) {}

  /** The order being read. */
  private static final class OpenOrder {
    final String id;
    final List<Row> rows = new ArrayList<>();
    final OrderSums sums = new OrderSums();

    OpenOrder(String id) {
      this.id = id;
    }
  }

  /** Rows to orders. */
  private static final class Orders {
    private final Columns columns;
    private final ZoneId zone;
    private final ParsedOrderSink sink;
    private @Nullable OpenOrder current;

    Orders(Columns columns, ZoneId zone, ParsedOrderSink sink) {
      this.columns = columns;
      this.zone = zone;
      this.sink = sink;
    }

    void read(String line, long lineNumber) {
      sink.rowRead();
      try {
        List<String> fields = CsvLineSplitter.split(line, ',');
        if (fields == null) {
          throw new BadRowException("row", "has an unterminated quote");
        }
        int expected = columns.header().size();
        if (fields.size() != expected) {
          throw new BadRowException("row", "has " + fields.size() + " columns, expected " + expected);
        }
        OpenOrder order = orderOf(fields);
        Row row = row(fields, lineNumber);
        add(order, row, columns.name(amountColumn(fields)));
      } catch (BadRowException e) {
        sink.rejected(e.at(lineNumber));
      }
    }

    void finish() {
      if (current != null) {
        close(current);
        current = null;
      }
    }

    /** @return the open order the row belongs to, finishing the previous one if the row starts a new order */
    private OpenOrder orderOf(List<String> fields) {
      String column = columns.name(columns.orderId());
      String id = Cells.required(fields.get(columns.orderId()), column);
      Cells.build(() -> Checks.id(id, "id"), Map.of(), column);
      OpenOrder open = current;
      if (open != null && open.id.equals(id)) {
        return open;
      }
      if (open != null) {
        close(open);
      }
      OpenOrder next = new OpenOrder(id);
      current = next;
      return next;
    }

    private Row row(List<String> fields, long lineNumber) {
      String customerColumn = columns.name(columns.customerId());
      String customerId = Cells.required(fields.get(columns.customerId()), customerColumn);
      String country = optional(fields, columns.country());
      String email = optional(fields, columns.email());
      Customer customer =
          Cells.build(
              () -> new Customer(customerId, email, null, country, null),
              names(Map.of("country", columns.country(), "email", columns.email())),
              customerColumn);
      Instant placedAt = placedAt(fields.get(columns.placedAt()), columns.name(columns.placedAt()));
      String productColumn = columns.name(columns.productId());
      String productId = Cells.required(fields.get(columns.productId()), productColumn);
      String quantityColumn = columns.name(columns.quantity());
      int quantity = Cells.integer(fields.get(columns.quantity()), quantityColumn);
      if (quantity <= 0) {
        throw new BadRowException(
            quantityColumn,
            "must be greater than 0, for returns too (was "
                + Checks.quote(fields.get(columns.quantity()).strip())
                + ")");
      }
      String currencyColumn = columns.name(columns.currency());
      String code = Cells.required(fields.get(columns.currency()), currencyColumn).toUpperCase(Locale.ROOT);
      Currency currency = Cells.build(() -> Money.currency(code), Map.of(), currencyColumn);
      OrderKind kind = kind(fields);
      int amountPosition = amountColumn(fields);
      String amountColumn = columns.name(amountPosition);
      BigDecimal given = Cells.nonNegativeDecimal(fields.get(amountPosition), amountColumn);
      BigDecimal amount =
          amountPosition == columns.lineAmount() ? given : given.multiply(BigDecimal.valueOf(quantity));
      OrderLine orderLine =
          Cells.build(
              () -> new OrderLine(productId, quantity, amount),
              Map.of("productId", productColumn, "quantity", quantityColumn),
              amountColumn);
      String productName = optional(fields, columns.productName());
      String category = optional(fields, columns.category());
      Product product =
          Cells.build(
              () -> Product.of(productId, productName == null ? productId : productName, category),
              names(Map.of("name", columns.productName(), "category", columns.category())),
              productColumn);
      return new Row(lineNumber, customer, placedAt, currency, kind, orderLine, product);
    }

    /** @return the position of the column the row's amount comes from: line_amount if given, else unit_price */
    private int amountColumn(List<String> fields) {
      if (columns.lineAmount() >= 0 && !fields.get(columns.lineAmount()).isBlank()) {
        return columns.lineAmount();
      }
      if (columns.unitPrice() >= 0 && !fields.get(columns.unitPrice()).isBlank()) {
        return columns.unitPrice();
      }
      if (columns.unitPrice() >= 0 && columns.lineAmount() >= 0) {
        throw new BadRowException(
            columns.name(columns.unitPrice()), "is blank, and so is " + columns.name(columns.lineAmount()));
      }
      throw new BadRowException(columns.name(Math.max(columns.unitPrice(), columns.lineAmount())), "is blank");
    }

    /** @return record field to column name, for the optional columns the header has */
    private Map<String, String> names(Map<String, Integer> positions) {
      Map<String, String> names = new LinkedHashMap<>();
      positions.forEach(
          (field, position) -> {
            if (position >= 0) {
              names.put(field, columns.name(position));
            }
          });
      return names;
    }

    private static @Nullable String optional(List<String> fields, int column) {
      return column < 0 ? null : Cells.optional(fields.get(column));
    }

    private OrderKind kind(List<String> fields) {
      String value = optional(fields, columns.kind());
      if (value == null || value.equalsIgnoreCase("purchase")) {
        return OrderKind.PURCHASE;
      }
      if (value.equalsIgnoreCase("return")) {
        return OrderKind.RETURN;
      }
      throw new BadRowException(
          columns.name(columns.kind()), "must be purchase or return (was " + Checks.quote(value) + ")");
    }

    private Instant placedAt(String raw, String column) {
      String value = Cells.required(raw, column);
      Instant utc = UtcInstants.parse(value);
      if (utc != null) {
        return Cells.storable(utc, column, value);
      }
      try {
        if (value.indexOf('T') < 0 && value.indexOf('t') < 0) {
          return Cells.storable(LocalDate.parse(value).atStartOfDay(zone).toInstant(), column, value);
        }
        TemporalAccessor parsed =
            DateTimeFormatter.ISO_DATE_TIME.parseBest(value, ZonedDateTime::from, LocalDateTime::from);
        return Cells.storable(
            parsed instanceof ZonedDateTime zoned
                ? zoned.toInstant()
                : ((LocalDateTime) parsed).atZone(zone).toInstant(),
            column, value);
      } catch (DateTimeException e) {
        throw new BadRowException(
            column,
            "is not an ISO-8601 instant, date-time or date such as 2024-03-01T10:15:30Z (was "
                + Checks.quote(value)
                + ")");
      }
    }

    private void add(OpenOrder order, Row row, String amountColumn) {
      if (!order.rows.isEmpty()) {
        Row first = order.rows.get(0);
        disagreement(columns.customerId(), first.customer().id(), row.customer().id(), first.line());
        disagreement(
            columns.currency(),
            first.currency().getCurrencyCode(),
            row.currency().getCurrencyCode(),
            first.line());
        if (first.kind() != row.kind()) { // compared before formatting: most orders have several rows
          disagreement(
              columns.kind(),
              first.kind().name().toLowerCase(Locale.ROOT),
              row.kind().name().toLowerCase(Locale.ROOT),
              first.line());
        }
        if (!first.placedAt().equals(row.placedAt())) {
          disagreement(columns.placedAt(), first.placedAt().toString(), row.placedAt().toString(), first.line());
        }
      }
      order.sums.add(row.orderLine(), amountColumn, columns.name(columns.quantity()));
      order.rows.add(row);
    }

    private void disagreement(int column, String first, String value, long firstLine) {
      if (!Objects.equals(first, value)) {
        throw new BadRowException(
            columns.name(column),
            "differs from the order's first row (was "
                + Checks.quote(value)
                + ", line "
                + firstLine
                + " has "
                + Checks.quote(first)
                + ")");
      }
    }

    private void close(OpenOrder order) {
      if (order.rows.isEmpty()) {
        return;
      }
      Row first = order.rows.get(0);
      List<OrderLine> lines = new ArrayList<>(order.rows.size());
      Map<String, Product> products = new LinkedHashMap<>();
      for (Row row : order.rows) {
        lines.add(row.orderLine());
        products.putIfAbsent(row.product().id(), row.product());
      }
      Order built =
          new Order(order.id, first.customer().id(), first.placedAt(), first.currency(), first.kind(), lines);
      sink.order(new ParsedOrder(built, first.customer(), List.copyOf(products.values()), first.line()));
    }
  }
}
