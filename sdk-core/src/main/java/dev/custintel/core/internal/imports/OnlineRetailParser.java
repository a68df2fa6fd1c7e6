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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the UCI Online Retail layout ({@link ImportFormat#ONLINE_RETAIL}). Not API.
 *
 * <p>The header names the columns {@code InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
 * CustomerID, Country} (any order and case; unnamed columns, such as a leading pandas index, and columns with
 * other names are ignored). If the header line contains a {@code ;} the file is semicolon-separated with decimal
 * commas (a unit price containing a {@code .} is rejected rather than guessed at) and dates
 * {@code dd/MM/yyyy HH:mm}; otherwise it is comma-separated with decimal points and dates {@code M/d/yyyy H:mm}.
 * Fields may be quoted with {@code "}. Dates are read in the import zone. Blank lines are ignored: they are not
 * rows, but they count in line numbers.
 *
 * <p>One order per invoice number, in GBP, kept in file order of its rows: one line per row (rows for the same
 * stock code are not merged), the customer, country and time of its first imported row, and the products of its
 * lines (one per stock code, named by the first row that has it). Invoices starting with {@code C} are returns:
 * their quantities, negative in the file, become positive. A line's amount is |Quantity| x UnitPrice, exactly.
 * Descriptions are stripped; a blank one is replaced by the stock code. The stock codes of postage, fees and
 * adjustments ({@code POST, DOT, M, D, C2, CRUK, PADS, BANK CHARGES, AMAZONFEE, S, B, m}) get the category
 * {@code Non-merchandise}; other products have none. A customer id written as a float ({@code 12583.0}) is read
 * as the integer ({@code 12583}).
 *
 * <p>A row whose CustomerID is blank is skipped (reported to {@link ParsedOrderSink#skipped}) whatever its other
 * fields hold. Rejected: a row with the wrong number of columns or an unterminated quote (field {@code row}), a
 * blank InvoiceNo or StockCode, a Quantity that is not an integer, 0, or negative on an invoice that is not a
 * return, an unreadable InvoiceDate, a UnitPrice that is not a number or is negative (0 is fine), and a row whose
 * CustomerID differs from that of its invoice's first imported row. A rejected or skipped row is left out of its
 * invoice, which is still imported from its other rows; an invoice with no row left gives no order.
 *
 * <p>The rows of one invoice need not be adjacent (some exports sort by description), so the file is read twice:
 * the first pass records the line of each invoice's last row; the second reads the rows, holds each invoice's
 * parsed rows until its last row has been read, and then emits it. Memory is therefore bounded by the invoices
 * open at a time (all of them, in the worst case of a file sorted by something else than invoice) plus one map
 * entry per invoice not yet emitted. Rows are reported to {@link ParsedOrderSink#rowRead()} in the second pass
 * only; orders are emitted in the order of their last rows.
 */
final class OnlineRetailParser implements OrderFileParser {
  /** Category of the stock codes that are not goods. */
  static final String NON_MERCHANDISE = "Non-merchandise";

  private static final Set<String> NON_MERCHANDISE_CODES =
      Set.of("POST", "DOT", "M", "D", "C2", "CRUK", "PADS", "BANK CHARGES", "AMAZONFEE", "S", "B", "m");
  private static final Currency GBP = Money.currency("GBP");
  private static final String RETURN_PREFIX = "C";
  private static final Pattern FLOAT_INTEGER = Pattern.compile("(\\d+)\\.0*");
  private static final Pattern FLOAT = Pattern.compile("\\d+\\.\\d*");

  @Override
  public void parse(Path file, ZoneId zone, ParsedOrderSink sink) {
    Layout layout;
    long headerLine;
    Map<String, Long> lastLines = new HashMap<>();
    try (LineReader reader = LineReader.open(file)) {
      String header = reader.readNonBlankLine();
      if (header == null) {
        throw new InvalidInputException(reader.recordName(), "file", "is empty");
      }
      headerLine = reader.lineNumber();
      layout = Layout.of(header, reader.recordName());
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String invoice = line.isBlank() ? null : layout.invoiceOf(line);
        if (invoice != null) {
          lastLines.put(invoice, reader.lineNumber());
        }
      }
    }
    try (LineReader reader = LineReader.open(file)) {
      while (reader.lineNumber() < headerLine && reader.readLine() != null) {
        // skips the header and any blank lines before it
      }
      Invoices invoices = new Invoices(layout, lastLines, zone, sink);
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          invoices.read(line, reader.lineNumber());
        }
      }
      invoices.finish();
    }
  }

  /** The columns of a file and how its values are written. */
  private static final class Layout {
    final char delimiter;
    final boolean decimalComma;
    final DateTimeFormatter dates;
    final String datePattern;
    final CsvHeader header;
    final int invoiceNo;
    final int stockCode;
    final int description;
    final int quantity;
    final int invoiceDate;
    final int unitPrice;
    final int customerId;
    final int country;

    private Layout(char delimiter, CsvHeader header) {
      this.delimiter = delimiter;
      this.decimalComma = delimiter == ';';
      this.datePattern = decimalComma ? "DD/MM/YYYY HH:MM" : "M/D/YYYY H:MM";
      this.dates =
          DateTimeFormatter.ofPattern(decimalComma ? "dd/MM/uuuu HH:mm" : "M/d/uuuu H:mm", Locale.ROOT)
              .withResolverStyle(ResolverStyle.STRICT);
      this.header = header;
      this.invoiceNo = header.require("InvoiceNo");
      this.stockCode = header.require("StockCode");
      this.description = header.require("Description");
      this.quantity = header.require("Quantity");
      this.invoiceDate = header.require("InvoiceDate");
      this.unitPrice = header.require("UnitPrice");
      this.customerId = header.require("CustomerID");
      this.country = header.require("Country");
    }

    static Layout of(String headerLine, String recordName) {
      char delimiter = headerLine.indexOf(';') >= 0 ? ';' : ',';
      return new Layout(delimiter, CsvHeader.parse(headerLine, delimiter, recordName));
    }

    /** @return the row's fields, or null if the line cannot be split into the header's columns */
    @Nullable List<String> fields(String line) {
      List<String> fields = CsvLineSplitter.split(line, delimiter);
      return fields == null || fields.size() != header.size() ? null : fields;
    }

    /** @return the row's invoice number, or null if it has none that {@link Invoices#read} would accept */
    @Nullable String invoiceOf(String line) {
      List<String> fields = fields(line);
      if (fields == null) {
        return null;
      }
      String invoice = fields.get(invoiceNo).strip();
      return invoice.isEmpty() ? null : invoice;
    }

    String name(int column) {
      return header.name(column);
    }
  }

  /** One imported row. */
  private record Row(long line, Customer customer, Instant placedAt, OrderLine orderLine, Product product) {}

  /** The rows read so far of an invoice whose last row has not been read yet. */
  private static final class OpenInvoice {
    final List<Row> rows = new ArrayList<>();
    final OrderSums sums = new OrderSums();
  }

  /** The second pass: rows to invoices to orders. */
  private static final class Invoices {
    private final Layout layout;
    private final Map<String, Long> lastLines;
    private final ZoneId zone;
    private final ParsedOrderSink sink;
    private final Map<String, OpenInvoice> open = new LinkedHashMap<>();

    Invoices(Layout layout, Map<String, Long> lastLines, ZoneId zone, ParsedOrderSink sink) {
      this.layout = layout;
      this.lastLines = lastLines;
      this.zone = zone;
      this.sink = sink;
    }

    void read(String line, long lineNumber) {
      sink.rowRead();
      List<String> fields = CsvLineSplitter.split(line, layout.delimiter);
      if (fields == null) {
        sink.rejected(new BadRowException("row", "has an unterminated quote").at(lineNumber));
        return;
      }
      if (fields.size() != layout.header.size()) {
        sink.rejected(
            new BadRowException("row", "has " + fields.size() + " columns, expected " + layout.header.size())
                .at(lineNumber));
        return;
      }
      String invoice = fields.get(layout.invoiceNo).strip();
      try {
        Row row = row(invoice, fields, lineNumber);
        if (row != null) {
          add(invoice, row);
        }
      } catch (BadRowException e) {
        sink.rejected(e.at(lineNumber));
      }
      Long last = lastLines.get(invoice);
      if (last != null && last == lineNumber) {
        lastLines.remove(invoice);
        close(invoice);
      }
    }

    /** Emits the invoices still open: only if the file changed between the two passes. */
    void finish() {
      for (String invoice : List.copyOf(open.keySet())) {
        close(invoice);
      }
    }

    /** @return the row, or null if it was skipped */
    private @Nullable Row row(String invoice, List<String> fields, long lineNumber) {
      String invoiceColumn = layout.name(layout.invoiceNo);
      Cells.required(invoice, invoiceColumn);
      Cells.build(() -> Checks.id(invoice, "id"), Map.of(), invoiceColumn);
      String customerColumn = layout.name(layout.customerId);
      String rawCustomer = fields.get(layout.customerId).strip();
      if (rawCustomer.isEmpty()) {
        sink.skipped(
            new BadRowException(customerColumn, "is blank; rows without a customer are not imported")
                .at(lineNumber));
        return null;
      }
      String customerId = customerId(rawCustomer, customerColumn);
      String stockCode = Cells.required(fields.get(layout.stockCode), layout.name(layout.stockCode));
      String description = Cells.optional(fields.get(layout.description));
      boolean isReturn = invoice.startsWith(RETURN_PREFIX);
      int quantity = quantity(fields.get(layout.quantity), isReturn);
      Instant placedAt = placedAt(fields.get(layout.invoiceDate));
      BigDecimal unitPrice = unitPrice(fields.get(layout.unitPrice));
      BigDecimal amount = unitPrice.multiply(BigDecimal.valueOf(quantity));
      OrderLine orderLine =
          Cells.build(
              () -> new OrderLine(stockCode, quantity, amount),
              Map.of(
                  "productId", layout.name(layout.stockCode),
                  "quantity", layout.name(layout.quantity)),
              layout.name(layout.unitPrice));
      String category = NON_MERCHANDISE_CODES.contains(stockCode) ? NON_MERCHANDISE : null;
      Product product =
          Cells.build(
              () -> Product.of(stockCode, description == null ? stockCode : description, category),
              Map.of("name", layout.name(layout.description)),
              layout.name(layout.stockCode));
      String country = Cells.optional(fields.get(layout.country));
      Customer customer =
          Cells.build(
              () -> Customer.of(customerId, country),
              Map.of("country", layout.name(layout.country)),
              customerColumn);
      return new Row(lineNumber, customer, placedAt, orderLine, product);
    }

    private static String customerId(String raw, String column) {
      Matcher integer = FLOAT_INTEGER.matcher(raw);
      if (integer.matches()) {
        return integer.group(1);
      }
      if (FLOAT.matcher(raw).matches()) {
        throw new BadRowException(column, "is not a whole number (was " + Checks.quote(raw) + ")");
      }
      return raw;
    }

    /** @return the quantity, positive */
    private int quantity(String raw, boolean isReturn) {
      String column = layout.name(layout.quantity);
      int quantity = Cells.integer(raw, column);
      String shown = Checks.quote(raw.strip());
      if (!isReturn && quantity <= 0) {
        throw new BadRowException(
            column, "must be greater than 0 on an invoice that is not a return (was " + shown + ")");
      }
      if (quantity == 0) {
        throw new BadRowException(column, "must not be 0 (was " + shown + ")");
      }
      if (quantity == Integer.MIN_VALUE) {
        throw new BadRowException(column, "is out of range (was " + shown + ")");
      }
      return Math.abs(quantity);
    }

    private Instant placedAt(String raw) {
      String column = layout.name(layout.invoiceDate);
      String value = Cells.required(raw, column);
      try {
        return Cells.storable(LocalDateTime.parse(value, layout.dates).atZone(zone).toInstant(), column, value);
      } catch (DateTimeException e) {
        throw new BadRowException(
            column, "is not a date and time " + layout.datePattern + " (was " + Checks.quote(value) + ")");
      }
    }

    private BigDecimal unitPrice(String raw) {
      String column = layout.name(layout.unitPrice);
      String value = Cells.required(raw, column);
      if (!layout.decimalComma) {
        return Cells.nonNegativeDecimal(value, column);
      }
      if (value.indexOf('.') >= 0) {
        throw new BadRowException(column, "is not a number with a decimal comma (was " + Checks.quote(value) + ")");
      }
      BigDecimal price;
      try {
        price = new BigDecimal(value.replace(',', '.'));
      } catch (NumberFormatException e) {
        throw new BadRowException(column, "is not a number (was " + Checks.quote(value) + ")");
      }
      if (price.signum() < 0) {
        throw new BadRowException(column, "must not be negative (was " + Checks.quote(value) + ")");
      }
      return price;
    }

    private void add(String invoice, Row row) {
      OpenInvoice openInvoice = open.computeIfAbsent(invoice, k -> new OpenInvoice());
      if (!openInvoice.rows.isEmpty()) {
        Row first = openInvoice.rows.get(0);
        if (!first.customer().id().equals(row.customer().id())) {
          throw new BadRowException(
              layout.name(layout.customerId),
              "differs from the invoice's first row (was "
                  + Checks.quote(row.customer().id())
                  + ", line "
                  + first.line()
                  + " has "
                  + Checks.quote(first.customer().id())
                  + ")");
        }
      }
      openInvoice.sums.add(row.orderLine(), layout.name(layout.unitPrice), layout.name(layout.quantity));
      openInvoice.rows.add(row);
    }

    private void close(String invoice) {
      OpenInvoice openInvoice = open.remove(invoice);
      if (openInvoice == null || openInvoice.rows.isEmpty()) {
        return;
      }
      List<Row> rows = openInvoice.rows;
      Row first = rows.get(0);
      List<OrderLine> lines = new ArrayList<>(rows.size());
      Map<String, Product> products = new LinkedHashMap<>();
      for (Row row : rows) {
        lines.add(row.orderLine());
        products.putIfAbsent(row.product().id(), row.product());
      }
      OrderKind kind = invoice.startsWith(RETURN_PREFIX) ? OrderKind.RETURN : OrderKind.PURCHASE;
      Order order = new Order(invoice, first.customer().id(), first.placedAt(), GBP, kind, lines);
      sink.order(new ParsedOrder(order, first.customer(), List.copyOf(products.values()), first.line()));
    }
  }
}
