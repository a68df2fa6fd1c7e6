package dev.custintel.core.internal.imports;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.csv.LineReader;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the CDNOW transaction log ({@link ImportFormat#CDNOW}). Not API.
 *
 * <p>Columns are separated by whitespace (leading whitespace is ignored). Two layouts are read, told apart by the
 * first line:
 *
 * <ul>
 *   <li>the master file: {@code customer_id date number_of_cds dollar_value}, with or without the header line
 *       {@code customer_id date number_of_cds dollar_value} (any case);
 *   <li>the sample file: five columns without a header, {@code customer_id sample_id date number_of_cds
 *       dollar_value}, where the first column is the master customer id (used as the customer id) and the sample
 *       id is ignored.
 * </ul>
 *
 * <p>A first line whose first token is not all digits is taken for a header. Blank lines are ignored: they are
 * not rows, but they count in line numbers. Rejections name the columns as
 * above ({@code customer_id}, {@code date}, {@code number_of_cds}, {@code dollar_value}, or {@code row} for a
 * wrong column count).
 *
 * <p>Each row is one purchase in USD, placed at midnight of its date in the import zone, with one line of product
 * {@code CDNOW-CD}: quantity = number_of_cds (at least 1), amount = dollar_value (0 or more, at most 4 decimals).
 * The customer id is kept as written (zero-padded, such as {@code 00002}).
 *
 * <p>Order ids are {@code CDNOW-<customer>-<yyyyMMdd>-<n>}, n counting from 1 the rows of that customer and date
 * in file order, across the whole file: each (customer, date) pair of a file gets the ids 1..k whatever the order
 * of the rows, so the ids are unique, a re-import of the same file finds the same ids, and a sorted and a shuffled
 * copy of a file store the same orders under the same ids (a customer's purchases of one day may swap numbers).
 * The counters of the whole file are kept in a {@link DigestTable}, about 32 to 85 bytes per (customer, date)
 * pair (2 MB for the CDNOW master file). Until issue 11 (D3) the counters were cleared when the customer changed,
 * so a customer whose rows came back later in the file counted from 1 again and overwrote its earlier purchases;
 * for a file whose customers' rows are adjacent, such as the published CDNOW files, the ids are the same as then,
 * so databases imported before stay consistent on re-import. A row rejected for its customer id or date takes no
 * number; a row rejected for its quantity or amount keeps its number, so that fixing it and importing again does
 * not renumber the rows after it.
 */
final class CdnowParser implements OrderFileParser {
  /** The product every CDNOW line is for: the log does not record which CDs were bought. */
  static final Product PRODUCT = Product.of("CDNOW-CD", "CD (product not recorded)", "Music");

  private static final Currency USD = Money.currency("USD");
  private static final List<String> HEADER = List.of("customer_id", "date", "number_of_cds", "dollar_value");
  private static final List<Product> PRODUCTS = List.of(PRODUCT);
  private static final Map<String, String> LINE_COLUMNS = Map.of("quantity", "number_of_cds");
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final int MAX_ORDER_ID_LENGTH = 64;

  @Override
  public void parse(Path file, ZoneId zone, ParsedOrderSink sink) {
    try (LineReader reader = LineReader.open(file)) {
      String first = reader.readNonBlankLine();
      if (first == null) {
        throw new InvalidInputException(reader.recordName(), "file", "is empty");
      }
      String[] tokens = tokens(first);
      Rows rows;
      if (DIGITS.matcher(tokens[0]).matches()) {
        rows = new Rows(columnsOf(tokens.length, reader.recordName()), zone, sink);
        rows.read(first, reader.lineNumber());
      } else {
        checkHeader(tokens, reader.recordName());
        rows = new Rows(HEADER.size(), zone, sink);
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.read(line, reader.lineNumber());
        }
      }
    }
  }

  /**
   * The line's columns: {@code line.strip()} split at runs of the whitespace that {@code \\s} matches (space, tab,
   * line feed, vertical tab, form feed, carriage return), as {@code Pattern.compile("\\s+").split(line.strip())}
   * splits it, without the regular expression's work per row.
   */
  static String[] tokens(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return new String[] {""};
    }
    List<String> tokens = new ArrayList<>(5);
    int n = s.length();
    int i = 0;
    while (i < n) {
      int start = i;
      while (i < n && !isSeparator(s.charAt(i))) {
        i++;
      }
      tokens.add(s.substring(start, i));
      while (i < n && isSeparator(s.charAt(i))) {
        i++;
      }
    }
    return tokens.toArray(new String[0]);
  }

  /** @return whether {@code \\s} matches the character */
  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static int columnsOf(int count, String recordName) {
    if (count != 4 && count != 5) {
      throw new InvalidInputException(
          recordName,
          "file",
          "must have 4 columns (customer_id date number_of_cds dollar_value) or 5 (customer_id sample_id date"
              + " number_of_cds dollar_value); its first line has "
              + count);
    }
    return count;
  }

  private static void checkHeader(String[] tokens, String recordName) {
    for (int i = 0; i < HEADER.size(); i++) {
      if (i >= tokens.length || !HEADER.get(i).equalsIgnoreCase(tokens[i])) {
        throw new InvalidInputException(
            recordName,
            HEADER.get(i),
            "is missing from the header (expected 'customer_id date number_of_cds dollar_value', found "
                + Checks.quote(String.join(" ", tokens))
                + ")");
      }
    }
    if (tokens.length > HEADER.size()) {
      throw new InvalidInputException(
          recordName,
          "file",
          "has unexpected columns in its header (expected 'customer_id date number_of_cds dollar_value', found "
              + Checks.quote(String.join(" ", tokens))
              + ")");
    }
  }

  /** Eight ASCII digits {@code uuuuMMdd} of a real date (the strict resolver's: no February 30). */
  static LocalDate date(String text) {
    if (text.length() == 8) {
      int year = digits(text, 0, 4);
      int month = digits(text, 4, 6);
      int day = digits(text, 6, 8);
      if (year >= 0 && month >= 0 && day >= 0) {
        try {
          return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
          // falls through to the rejection
        }
      }
    }
    throw new BadRowException("date", "is not a date YYYYMMDD (was " + Checks.quote(text) + ")");
  }

  /** @return the number the ASCII digits {@code text[from, to)} write, or -1 if one is not a digit 0-9 */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The rows of one parse: the layout and the current customer's counters. */
  private static final class Rows {
    private final int columns;
    private final int dateColumn;
    private final ZoneId zone;
    private final ParsedOrderSink sink;
    /** Rows numbered so far per "customer date" key, in its first value. */
    private final DigestTable counts = new DigestTable();
    /** The zone's offset in seconds when it has only one (such as UTC, the default), else null. */
    private final @Nullable Integer fixedOffset;
    /** The customer of the previous accepted row: a customer's rows usually follow each other. */
    private @Nullable Customer previous;

    Rows(int columns, ZoneId zone, ParsedOrderSink sink) {
      this.columns = columns;
      this.dateColumn = columns - 3;
      this.zone = zone;
      this.sink = sink;
      ZoneRules rules = zone.getRules();
      this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : null;
    }

    /** @return midnight at the start of the day in the zone, as {@code date.atStartOfDay(zone).toInstant()} */
    private Instant midnight(LocalDate date) {
      return fixedOffset != null
          ? Instant.ofEpochSecond(date.toEpochDay() * 86_400L - fixedOffset)
          : date.atStartOfDay(zone).toInstant();
    }

    void read(String line, long lineNumber) {
      sink.rowRead();
      try {
        sink.order(parse(tokens(line), lineNumber));
      } catch (BadRowException e) {
        sink.rejected(e.at(lineNumber));
      }
    }

    private ParsedOrder parse(String[] cells, long lineNumber) {
      if (cells.length != columns) {
        throw new BadRowException("row", "has " + cells.length + " columns, expected " + columns);
      }
      String id = cells[0];
      Customer customer = previous != null && previous.id().equals(id)
          ? previous : Cells.build(() -> Customer.of(id), Map.of(), "customer_id");
      String dateText = cells[dateColumn];
      LocalDate date = date(dateText);
      int slot = counts.slot(id + ' ' + dateText); // no space inside a token: the key is unambiguous
      long n = counts.first(slot) + 1;
      counts.set(slot, n, 0);
      String orderId = "CDNOW-" + id + "-" + dateText + "-" + n;
      if (orderId.length() > MAX_ORDER_ID_LENGTH) {
        throw new BadRowException(
            "customer_id",
            "is too long for an order id CDNOW-<customer>-<date>-<n> of at most "
                + MAX_ORDER_ID_LENGTH
                + " characters (was "
                + Checks.quote(id)
                + ")");
      }
      String cdsText = cells[dateColumn + 1];
      int cds = Cells.integer(cdsText, "number_of_cds");
      if (cds <= 0) {
        throw new BadRowException("number_of_cds", "must be greater than 0 (was " + Checks.quote(cdsText) + ")");
      }
      BigDecimal dollars = Cells.nonNegativeDecimal(cells[dateColumn + 2], "dollar_value");
      OrderLine orderLine =
          Cells.build(
              () -> new OrderLine(PRODUCT.id(), cds, dollars),
              LINE_COLUMNS,
              "dollar_value");
      Instant placedAt = Cells.storable(midnight(date), "date", dateText);
      Order order = Order.purchase(orderId, id, placedAt, USD, List.of(orderLine));
      previous = customer;
      return new ParsedOrder(order, customer, PRODUCTS, lineNumber);
    }
  }
}
