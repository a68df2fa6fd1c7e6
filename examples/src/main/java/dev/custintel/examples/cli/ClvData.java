package dev.custintel.examples.cli;

import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.StoreSummaries;
import dev.custintel.analytics.clv.summary.Summaries;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A transaction file read into a private in-memory H2 store by the SDK's importer (the same rows and rejections
 * as {@code custintel import}), with the currency to summarize. The summaries come from {@link StoreSummaries},
 * the SDK's path from stored orders to the models' input. Close it to drop the database.
 *
 * <p>For commands that need a database over the file: {@code forecast --transactions} runs a model run on it.
 * {@code clv fit} and {@code clv score} need only the summaries and read the file into memory instead
 * ({@link ClvOrders}); the messages, the currency rule and the JSON view are {@link ClvOrders}' helpers, shared so
 * that both paths say the same.
 */
final class ClvData implements AutoCloseable {

  private final CustintelStore store;
  private final String jdbcUrl;
  private final Path file;
  private final ImportFormat format;
  private final ImportReport report;
  private final Currency currency;

  private ClvData(CustintelStore store, String jdbcUrl, Path file, ImportFormat format, ImportReport report,
      Currency currency) {
    this.store = store;
    this.jdbcUrl = jdbcUrl;
    this.file = file;
    this.format = format;
    this.report = report;
    this.currency = currency;
  }

  /**
   * Imports the file (lenient: bad rows are counted and left out) and settles the currency.
   *
   * @param file a readable file
   * @param format its layout
   * @param requested the currency asked for with {@code --currency}, or null for the file's only currency
   * @return the data; close it
   * @throws CliException if the file holds no purchase, or the currency is ambiguous or absent
   */
  static ClvData load(Path file, ImportFormat format, @Nullable Currency requested) {
    // A private database, dropped when the pool closes its last connection (as for 'custintel demo').
    String url = "jdbc:h2:mem:custintel-clv-" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";
    CustintelStore store = CustintelStore.builder()
        .jdbcUrl(url)
        .maximumPoolSize(3)
        .profileCache(0, Duration.ofMinutes(1))
        .build();
    try {
      ImportReport report;
      try {
        report = store.ingestion().importFile(file, format, ImportOptions.defaults());
      } catch (InvalidInputException e) {
        throw ClvOrders.unreadable(file, format, e);
      }
      Currency currency = ClvOrders.chooseCurrency(file, format, report, purchaseCurrencies(store), requested);
      return new ClvData(store, url, file, format, report, currency);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** @return the currencies of the stored purchases, in alphabetical order */
  private static List<String> purchaseCurrencies(CustintelStore store) {
    StoreAccess access = StoreAccess.of(store);
    return access.read("Reading the currencies of the in-memory database", h -> h.createQuery(access.sql(
            "SELECT DISTINCT currency FROM {orders} WHERE kind = 'PURCHASE' ORDER BY currency"))
        .map((rs, ctx) -> rs.getString(1).trim())
        .list());
  }


  /**
   * @return the in-memory database's URL, for a second pool (such as a {@code CustomerIntelligence}) that lives
   *     while this data is open
   */
  String jdbcUrl() {
    return jdbcUrl;
  }

  /** @return the currency whose purchases are summarized */
  Currency currency() {
    return currency;
  }

  /** @return what the import read */
  ImportReport report() {
    return report;
  }

  /**
   * @param calibrationEnd the last day of the calibration period
   * @param unit the period unit
   * @return the calibration summaries
   * @throws CliException naming {@code --calibration-end} when it is before every purchase
   */
  Summaries summarize(LocalDate calibrationEnd, PeriodUnit unit) {
    return ClvOrders.calibrationEndChecked(() -> StoreSummaries.summarize(store, currency, calibrationEnd, unit));
  }

  /**
   * @param calibrationEnd the last day of the calibration period
   * @param holdoutEnd the last day of the holdout period, after {@code calibrationEnd}
   * @param unit the period unit
   * @return the calibration summaries and the holdout activity
   * @throws CliException naming {@code --calibration-end} when it is before every purchase
   */
  CalibrationHoldoutSplit split(LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    return ClvOrders.calibrationEndChecked(
        () -> StoreSummaries.split(store, currency, calibrationEnd, holdoutEnd, unit));
  }

  /** @return the JSON view of the input: file, format and the import's counts */
  Map<String, Object> view() {
    return ClvOrders.view(file, format, report);
  }

  /** Drops the in-memory database. */
  @Override
  public void close() {
    store.close();
  }

}
