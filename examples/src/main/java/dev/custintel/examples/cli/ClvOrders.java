package dev.custintel.examples.cli;

import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CalibrationSummaries;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.StoreSummaries;
import dev.custintel.analytics.clv.summary.Summaries;
import dev.custintel.analytics.clv.summary.Transaction;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.FileOrders;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A transaction file read into memory by the SDK without a database ({@link FileOrders}: the same rows,
 * rejections, skipped rows and repeated-order handling as {@code custintel import} into an empty store), with the
 * currency to summarize; the summaries come from {@link CalibrationSummaries}. What {@code clv fit} and
 * {@code clv score} read: no database, connection pool, migration or writer thread is started.
 *
 * <p>The results are those of the SQL path ({@link ClvData}: the file imported into an in-memory H2 store and
 * summarized by {@link StoreSummaries}), field for field, which {@code ClvOrdersEqualityTest} checks on every bundled
 * dataset. A CDNOW file of plain rows is read by {@link PlainCdnow} instead, to the same purchases and report
 * ({@code PlainCdnowTest}). The rules are the store's:
 *
 * <ul>
 *   <li>each order id counts once, in its last version in the file (as an import stores it);
 *   <li>purchases only (returns are not subtracted), in one currency (the file's only one, or {@code --currency});
 *   <li>an order's amount is its total at the store's 4 decimals ({@code DECIMAL(19,4)}; line amounts have at most
 *       4), so that sums and the monetary value ({@link java.math.MathContext#DECIMAL64}) are the same digits and
 *       scale as the database's sums;
 *   <li>an order's day is the UTC day of its instant; same-day purchases of a customer merge;
 *   <li>customers are in ascending order of id ({@link String#compareTo}), as {@link StoreSummaries} returns them.
 * </ul>
 *
 * <p>Memory is O(orders): the file's orders are held while the command runs.
 */
final class ClvOrders {
  /** The currency of every CDNOW purchase. */
  private static final String USD = "USD";
  /** The store's scale of an order total. */
  private static final int STORED_SCALE = 4;

  private final Path file;
  private final ImportFormat format;
  private final ImportReport report;
  private final Currency currency;
  /** The purchases in {@link #currency}, sorted by customer id (stable: file order within a customer). */
  private final List<Transaction> purchases;

  private ClvOrders(
      Path file, ImportFormat format, ImportReport report, Currency currency, List<Transaction> purchases) {
    this.file = file;
    this.format = format;
    this.report = report;
    this.currency = currency;
    this.purchases = purchases;
  }

  /**
   * Reads the file (lenient: bad rows are counted and left out) and settles the currency.
   *
   * @param file a readable file
   * @param format its layout
   * @param requested the currency asked for with {@code --currency}, or null for the file's only currency
   * @return the data
   * @throws CliException if the file cannot be read as {@code format}, holds no purchase, or the currency is
   *     ambiguous or absent (the messages of {@link ClvData#load})
   */
  static ClvOrders load(Path file, ImportFormat format, @Nullable Currency requested) {
    return load(file, file, format, requested);
  }

  /**
   * As {@link #load(Path, ImportFormat, Currency)}, reading one path and naming another in messages and the JSON,
   * such as standard input read through {@code /dev/stdin} and named {@code -}.
   *
   * @param file a readable file
   * @param shown its name for the user
   * @param format its layout
   * @param requested the currency asked for with {@code --currency}, or null for the file's only currency
   * @return the data
   */
  static ClvOrders load(Path file, Path shown, ImportFormat format, @Nullable Currency requested) {
    return load(file, shown, format, requested, true);
  }

  /**
   * As {@link #load(Path, Path, ImportFormat, Currency)}, with or without {@link PlainCdnow} for a CDNOW file.
   *
   * @param file a readable file
   * @param shown its name for the user
   * @param format its layout
   * @param requested the currency asked for with {@code --currency}, or null for the file's only currency
   * @param plain whether a plain CDNOW file is read by {@link PlainCdnow} (the same result, sooner)
   * @return the data
   */
  static ClvOrders load(Path file, Path shown, ImportFormat format, @Nullable Currency requested, boolean plain) {
    if (plain && format == ImportFormat.CDNOW) {
      long start = System.nanoTime();
      List<Transaction> purchases = PlainCdnow.read(file);
      if (purchases != null) {
        purchases.sort(Comparator.comparing(Transaction::customerId));
        long customers = 0;
        @Nullable String previous = null;
        for (Transaction t : purchases) {
          if (!t.customerId().equals(previous)) {
            customers++;
            previous = t.customerId();
          }
        }
        long rows = purchases.size();
        ImportReport report = new ImportReport(format, rows, rows, rows, 0, 0, customers, 0, List.of(), 0,
            List.of(), Duration.ofNanos(System.nanoTime() - start));
        Currency currency = chooseCurrency(shown, format, report, List.of(USD), requested);
        return new ClvOrders(shown, format, report, currency, purchases);
      }
    }
    FileOrders read;
    try {
      read = FileOrders.read(file, format, ImportOptions.defaults());
    } catch (InvalidInputException e) {
      throw unreadable(shown, format, e);
    }
    TreeSet<String> found = new TreeSet<>();
    for (Order order : read.orders()) {
      if (order.kind() == OrderKind.PURCHASE) {
        found.add(order.currency().getCurrencyCode());
      }
    }
    Currency currency = chooseCurrency(shown, format, read.report(), new ArrayList<>(found), requested);
    List<Transaction> purchases = new ArrayList<>(read.orders().size());
    for (Order order : read.orders()) {
      if (order.kind() == OrderKind.PURCHASE && order.currency().equals(currency)) {
        // Exact: line amounts have at most 4 decimals (OrderLine), so their sum too.
        BigDecimal amount = order.total().amount().setScale(STORED_SCALE);
        purchases.add(Transaction.at(order.customerId(), order.placedAt(), amount));
      }
    }
    // CalibrationSummaries keeps the order of first appearance: sorted input gives the store's order by id.
    purchases.sort(Comparator.comparing(Transaction::customerId));
    return new ClvOrders(shown, format, read.report(), currency, purchases);
  }

  /** @return the currency whose purchases are summarized */
  Currency currency() {
    return currency;
  }

  /** @return the purchases in {@link #currency}, sorted by customer id (stable: file order within a customer) */
  List<Transaction> purchases() {
    return List.copyOf(purchases);
  }

  /** @return what the import read */
  ImportReport report() {
    return report;
  }

  /**
   * @param calibrationEnd the last day of the calibration period
   * @param unit the period unit
   * @return the calibration summaries, in ascending order of customer id
   * @throws CliException naming {@code --calibration-end} when it is before every purchase
   */
  Summaries summarize(LocalDate calibrationEnd, PeriodUnit unit) {
    return calibrationEndChecked(() -> CalibrationSummaries.summarize(purchases, calibrationEnd, unit));
  }

  /**
   * @param calibrationEnd the last day of the calibration period
   * @param holdoutEnd the last day of the holdout period, after {@code calibrationEnd}
   * @param unit the period unit
   * @return the calibration summaries and the holdout activity, in ascending order of customer id
   * @throws CliException naming {@code --calibration-end} when it is before every purchase
   */
  CalibrationHoldoutSplit split(LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    return calibrationEndChecked(() -> CalibrationSummaries.split(purchases, calibrationEnd, holdoutEnd, unit));
  }

  /** @return the JSON view of the input: file, format and the import's counts */
  Map<String, Object> view() {
    return view(file, format, report);
  }

  /**
   * @param file the file read
   * @param format its layout
   * @param e why the importer could not read it
   * @return the error naming {@code --transactions} and suggesting {@code --format}
   */
  static CliException unreadable(Path file, ImportFormat format, InvalidInputException e) {
    return new CliException("--transactions: cannot read '" + file + "' as " + format.cliName()
        + " (check --format): " + e.getMessage());
  }

  /**
   * Settles the currency to summarize.
   *
   * @param file the file read
   * @param format its layout
   * @param report what the import read
   * @param found the currencies of the stored purchases, in alphabetical order
   * @param requested the currency of {@code --currency}, or null for the file's only one
   * @return the currency
   * @throws CliException naming {@code --transactions} if there is no purchase, or {@code --currency} if it is
   *     required or names a currency without purchases
   */
  static Currency chooseCurrency(
      Path file, ImportFormat format, ImportReport report, List<String> found, @Nullable Currency requested) {
    if (found.isEmpty()) {
      throw new CliException("--transactions: no purchase could be read from '" + file + "' as "
          + format.cliName() + " (" + report.rowsRead() + " rows read, " + report.rejectedCount() + " rejected, "
          + report.skippedCount() + " skipped); check --format");
    }
    if (requested != null) {
      if (!found.contains(requested.getCurrencyCode())) {
        throw new CliException("--currency " + requested.getCurrencyCode() + ": '" + file
            + "' has no purchase in that currency (it has " + String.join(", ", found) + ")");
      }
      return requested;
    }
    if (found.size() > 1) {
      throw new CliException("--currency is required: '" + file + "' has purchases in " + found.size()
          + " currencies (" + String.join(", ", found) + "); the models are fitted on one");
    }
    return Currency.getInstance(found.get(0));
  }

  /**
   * @param summaries computes summaries
   * @return what it computed
   * @throws CliException naming {@code --calibration-end} when the summaries refuse the calibration end
   */
  static <T> T calibrationEndChecked(Supplier<T> summaries) {
    try {
      return summaries.get();
    } catch (InvalidInputException e) {
      if ("calibrationEnd".equals(e.field())) {
        throw new CliException("--calibration-end " + e.reason());
      }
      throw e;
    }
  }

  /**
   * @param file the file read
   * @param format its layout
   * @param report what the import read
   * @return the JSON view of the input: file, format and the import's counts
   */
  static Map<String, Object> view(Path file, ImportFormat format, ImportReport report) {
    Map<String, Object> m = Json.object();
    m.put("file", file.toString());
    m.put("format", format.cliName());
    m.put("rowsRead", report.rowsRead());
    m.put("orders", report.ordersRead());
    m.put("rejectedRows", report.rejectedCount());
    m.put("skippedRows", report.skippedCount());
    return m;
  }
}
