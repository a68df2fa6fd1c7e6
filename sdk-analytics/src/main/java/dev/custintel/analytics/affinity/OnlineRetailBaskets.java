package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.csv.CsvHeader;
import dev.custintel.core.csv.CsvLineSplitter;
import dev.custintel.core.csv.LineReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads baskets from a UCI Online Retail file (Chen, Sain &amp; Guo 2012), the way the market-basket recipe of
 * C. Moffitt, "Introduction to Market Basket Analysis in Python" (Practical Business Python, 2017) builds them
 * with pandas.
 *
 * <p><b>Layout.</b> A header line names the columns {@code InvoiceNo}, {@code Quantity} and the item column
 * ({@code Description} or {@code StockCode}, see {@link OnlineRetailOptions.ItemColumn}), in any order and case;
 * other columns ({@code InvoiceDate, UnitPrice, CustomerID, Country}) and unnamed ones (a leading pandas index)
 * are not read. If the header line contains a {@code ;} the file is semicolon-separated (that export writes
 * decimal commas, which do not matter here since no decimal column is read); otherwise comma-separated. Fields may
 * be quoted with {@code "} (RFC 4180, not across lines). UTF-8; blank lines are ignored but count in line numbers.
 *
 * <p><b>Baskets.</b> One basket per invoice number, in order of first appearance:
 * <ul>
 *   <li>invoices whose number starts with {@code C} (cancellations) are dropped;
 *   <li>an item is the stripped value of the item column; rows whose item is blank are left out, as the recipe's
 *       {@code groupby} leaves out missing descriptions — an invoice with no other row gives no basket;
 *   <li>quantities are summed per (invoice, item), and the item is in the basket iff the sum is at least 1;
 *   <li>{@link OnlineRetailOptions#excluded() excluded} items are then removed (the recipe drops the
 *       {@code POSTAGE} column): an invoice left without items is an empty basket, still counted in N;
 *   <li>rows with a blank {@code CustomerID} are kept, as the recipe keeps them.
 * </ul>
 *
 * <p><b>Errors.</b> Every row is checked before it is used: a row with an unterminated quote or another number of
 * columns than the header (field {@code row}), a blank {@code InvoiceNo}, or a {@code Quantity} that is not an
 * integer fails the whole read with an {@link InvalidInputException} whose record is {@code "line N"} (1-based
 * physical line) and whose field is the column as the header writes it. The memory held is one map entry per
 * (invoice, item), so the whole UCI file (541,909 rows) reads in a few tens of megabytes.
 */
public final class OnlineRetailBaskets {
  private static final String CANCELLATION_PREFIX = "C";

  private OnlineRetailBaskets() {}

  /**
   * Reads the baskets with the {@linkplain OnlineRetailOptions#defaults() default options}.
   *
   * @param file the file
   * @return one basket per invoice that is not a cancellation
   * @throws InvalidInputException see {@link #read(Path, OnlineRetailOptions)}
   */
  public static Baskets read(Path file) {
    return read(file, OnlineRetailOptions.defaults());
  }

  /**
   * Reads the baskets.
   *
   * @param file the file
   * @param options the item column and the excluded items
   * @return one basket per invoice that is not a cancellation and has a row with an item
   * @throws InvalidInputException if the file does not exist, is empty or has no row, its header lacks a needed
   *     column, or a row is malformed (naming {@code "line N"} and the column)
   */
  public static Baskets read(Path file, OnlineRetailOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Map<String, Map<String, Long>> invoices = new LinkedHashMap<>();
    try (LineReader reader = LineReader.open(file)) {
      String headerLine = reader.readNonBlankLine();
      if (headerLine == null) {
        throw new InvalidInputException(reader.recordName(), "file", "is empty");
      }
      Columns columns = Columns.of(headerLine, options.items(), reader.recordName());
      long rows = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        rows++;
        columns.read(line, "line " + reader.lineNumber(), invoices);
      }
      if (rows == 0) {
        throw new InvalidInputException(reader.recordName(), "file", "has a header but no rows");
      }
    }
    Baskets.Builder builder = Baskets.builder();
    List<String> basket = new ArrayList<>();
    for (Map<String, Long> quantities : invoices.values()) {
      basket.clear();
      quantities.forEach((item, quantity) -> {
        if (quantity >= 1 && !options.excluded().contains(item)) {
          basket.add(item);
        }
      });
      builder.add(basket);
    }
    return builder.build();
  }

  /** The delimiter and the positions of the columns read. */
  private static final class Columns {
    private final char delimiter;
    private final CsvHeader header;
    private final int invoiceNo;
    private final int quantity;
    private final int item;

    private Columns(char delimiter, CsvHeader header, OnlineRetailOptions.ItemColumn itemColumn) {
      this.delimiter = delimiter;
      this.header = header;
      this.invoiceNo = header.require("InvoiceNo");
      this.item = header.require(itemColumn == OnlineRetailOptions.ItemColumn.DESCRIPTION ? "Description"
          : "StockCode");
      this.quantity = header.require("Quantity");
    }

    static Columns of(String headerLine, OnlineRetailOptions.ItemColumn itemColumn, String recordName) {
      char delimiter = headerLine.indexOf(';') >= 0 ? ';' : ',';
      return new Columns(delimiter, CsvHeader.parse(headerLine, delimiter, recordName), itemColumn);
    }

    /** Checks one row and adds its quantity to its (invoice, item), unless it is a cancellation or has no item. */
    void read(String line, String record, Map<String, Map<String, Long>> invoices) {
      List<String> fields = CsvLineSplitter.split(line, delimiter);
      if (fields == null) {
        throw new InvalidInputException(record, "row", "has an unterminated quote");
      }
      if (fields.size() != header.size()) {
        throw new InvalidInputException(
            record, "row", "has " + fields.size() + " columns, expected " + header.size() + " as in the header");
      }
      String invoice = fields.get(invoiceNo).strip();
      if (invoice.isEmpty()) {
        throw new InvalidInputException(record, header.name(invoiceNo), "is blank");
      }
      long units = quantity(fields.get(quantity).strip(), record);
      String name = fields.get(item).strip();
      if (invoice.startsWith(CANCELLATION_PREFIX) || name.isEmpty()) {
        return;
      }
      invoices.computeIfAbsent(invoice, k -> new LinkedHashMap<>()).merge(name, units, Long::sum);
    }

    private long quantity(String value, String record) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        String shown = value.length() <= 40 ? value : value.substring(0, 40) + "...";
        throw new InvalidInputException(
            record, header.name(quantity), "must be an integer (was '" + shown + "')");
      }
    }
  }
}
