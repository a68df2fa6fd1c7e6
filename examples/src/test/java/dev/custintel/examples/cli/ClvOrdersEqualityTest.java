package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-memory path of {@code clv fit} and {@code clv score} ({@link ClvOrders}: the file read by
 * {@code FileOrders} and summarized by {@code CalibrationSummaries}) gives exactly what the SQL path gave
 * ({@link ClvData}: the file imported into an in-memory H2 store and summarized by {@code StoreSummaries}): the same
 * import report (counts and listed rows), currency, JSON input view, summaries and calibration/holdout splits, field
 * for field ({@code BigDecimal} amounts with their scale, doubles bit for bit, customers in the same order), and the
 * same error messages. On every bundled transaction file the clv commands can read, at two calibration ends and in
 * days and weeks; on shuffled copies; and on hostile files.
 */
class ClvOrdersEqualityTest {
  private static final List<PeriodUnit> UNITS = List.of(PeriodUnit.DAYS, PeriodUnit.WEEKS);

  @TempDir Path dir;

  /** A bundled file, its layout, two calibration ends and the holdout end after both. */
  record Dataset(String file, ImportFormat format, LocalDate firstEnd, LocalDate secondEnd, LocalDate holdoutEnd) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Arguments> datasets() {
    return Stream.of(
        new Dataset("clv/CDNOW_sample.txt", ImportFormat.CDNOW,
            LocalDate.of(1997, 9, 30), LocalDate.of(1997, 12, 31), LocalDate.of(1998, 6, 30)),
        new Dataset("clv/CDNOW_master.txt", ImportFormat.CDNOW,
            LocalDate.of(1997, 9, 30), LocalDate.of(1998, 1, 15), LocalDate.of(1998, 6, 30)),
        new Dataset("affinity/online_retail_small.csv", ImportFormat.ONLINE_RETAIL,
            LocalDate.of(2011, 6, 30), LocalDate.of(2011, 9, 30), LocalDate.of(2011, 12, 9)),
        new Dataset("affinity/online_retail_france.csv", ImportFormat.ONLINE_RETAIL,
            LocalDate.of(2011, 6, 30), LocalDate.of(2011, 9, 30), LocalDate.of(2011, 12, 9)))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void bundledFile_sameReportCurrencySummariesAndSplits(Dataset d) {
    Path file = TestData.file(d.file());
    try (ClvData sql = ClvData.load(file, d.format(), null)) {
      ClvOrders memory = ClvOrders.load(file, d.format(), null);
      assertSameInput(memory, sql);
      assertThat(memory.report().rejectedCount() + memory.report().skippedCount()
          + memory.report().ordersRead()).as("the file was read").isPositive();
      for (LocalDate end : List.of(d.firstEnd(), d.secondEnd())) {
        for (PeriodUnit unit : UNITS) {
          assertSameSummaries(memory, sql, end, d.holdoutEnd(), unit);
        }
      }
      // A calibration end before every purchase: the same --calibration-end error.
      assertSameSummaries(memory, sql, LocalDate.of(1990, 1, 1), LocalDate.of(1990, 2, 1), PeriodUnit.WEEKS);
    }
  }

  @Test
  void shuffledCdnow_sameSummariesAsTheSortedFileOnBothPaths() throws IOException {
    Path sorted = TestData.file("clv/CDNOW_sample.txt");
    Path shuffled = shuffled(sorted, 0, 17);
    LocalDate end = LocalDate.of(1997, 9, 30);
    LocalDate holdout = LocalDate.of(1998, 6, 30);
    try (ClvData sqlSorted = ClvData.load(sorted, ImportFormat.CDNOW, null);
        ClvData sqlShuffled = ClvData.load(shuffled, ImportFormat.CDNOW, null)) {
      ClvOrders memory = ClvOrders.load(shuffled, ImportFormat.CDNOW, null);
      assertSameInput(memory, sqlShuffled);
      for (PeriodUnit unit : UNITS) {
        assertSameSummaries(memory, sqlShuffled, end, holdout, unit);
        assertThat(memory.split(end, holdout, unit)).isEqualTo(sqlSorted.split(end, holdout, unit));
        assertThat(memory.summarize(end, unit)).isEqualTo(sqlSorted.summarize(end, unit));
      }
    }
  }

  @Test
  void shuffledOnlineRetail_sameAsTheSqlPathOnTheSameFileAndTheSortedFile() throws IOException {
    // An invoice's rows are no longer adjacent: the parser keeps the open invoices until their last row.
    Path sorted = TestData.file("affinity/online_retail_small.csv");
    Path shuffled = shuffled(sorted, 1, 23);
    LocalDate end = LocalDate.of(2011, 6, 30);
    LocalDate holdout = LocalDate.of(2011, 12, 9);
    try (ClvData sqlSorted = ClvData.load(sorted, ImportFormat.ONLINE_RETAIL, null);
        ClvData sql = ClvData.load(shuffled, ImportFormat.ONLINE_RETAIL, null)) {
      ClvOrders memory = ClvOrders.load(shuffled, ImportFormat.ONLINE_RETAIL, null);
      assertSameInput(memory, sql);
      for (PeriodUnit unit : UNITS) {
        assertSameSummaries(memory, sql, end, holdout, unit);
        assertThat(memory.split(end, holdout, unit)).isEqualTo(sqlSorted.split(end, holdout, unit));
      }
    }
  }

  @Test
  void malformedRowsAndBadDates_sameReportAndSummaries() throws IOException {
    Path file = write("bad.txt",
        " 00001 0001 19970101  2   29.33",
        " 00001 0001 19970118  2   29.73",
        " 00001 0001 19971340  1   14.96", // no such date
        " 00002 0001 19970102  x   10.00", // quantity
        " 00002 0001 19970103  1   -3.00", // negative amount
        " 00002 0001 19970104  1",          // missing column
        "",
        " 00002 0001 19970105  1   10.12345", // 5 decimals
        " 00002 0001 19970110  1   10.50",
        " 00002 0001 19970110  3   11.25", // same day: merged
        " 00003 0001 19970301  1    0.00",
        " 00003 0001 19970801  2   12.00");
    try (ClvData sql = ClvData.load(file, ImportFormat.CDNOW, null)) {
      ClvOrders memory = ClvOrders.load(file, ImportFormat.CDNOW, null);
      assertSameInput(memory, sql);
      assertThat(memory.report().rejectedCount()).isGreaterThanOrEqualTo(4);
      for (PeriodUnit unit : UNITS) {
        assertSameSummaries(memory, sql, LocalDate.of(1997, 6, 30), LocalDate.of(1997, 12, 31), unit);
        assertSameSummaries(memory, sql, LocalDate.of(1997, 1, 10), LocalDate.of(1997, 12, 31), unit);
      }
    }
  }

  @Test
  void emptyFiles_sameError() throws IOException {
    for (ImportFormat format : ImportFormat.values()) {
      assertSameLoadError(write("empty-" + format.cliName() + ".csv"), format, null);
    }
    // A header alone: nothing to summarize.
    assertSameLoadError(write("header.csv", "order_id,customer_id,placed_at,product_id,quantity,currency,unit_price"),
        ImportFormat.ORDERS_CSV, null);
    // Every row bad.
    assertSameLoadError(write("allbad.txt", " 00001 0001 19971340  1   14.96", " 00002 0001 1997010"),
        ImportFormat.CDNOW, null);
  }

  @Test
  void wrongLayout_sameError() {
    // example_transactions.csv has no amounts (date,id): no layout reads it.
    Path file = TestData.file("clv/example_transactions.csv");
    for (ImportFormat format : ImportFormat.values()) {
      assertSameLoadError(file, format, null);
    }
    assertSameLoadError(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.ORDERS_CSV, null);
    assertSameLoadError(TestData.file("affinity/online_retail_small.csv"), ImportFormat.CDNOW, null);
  }

  @Test
  void twoCurrenciesRepeatsAndReturns_sameCurrencyRuleAndSummaries() throws IOException {
    Path file = write("orders.csv",
        "order_id,customer_id,placed_at,product_id,quantity,currency,unit_price,kind",
        "o1,c1,2024-01-05T10:00:00Z,p1,1,usd,10.00,",
        "o1,c1,2024-01-05T10:00:00Z,p2,2,usd,2.5,purchase",
        "o2,c1,2024-01-05T23:30:00-05:00,p1,1,USD,7.1234,", // the UTC day after
        "o3,c2,2024-01-07,p1,3,EUR,4.00,",
        "o4,c2,2024-02-07T12:00:00+01:00,p1,1,EUR,5.00,",
        "o5,c1,2024-02-01T23:59:59.9999999Z,p1,1,USD,3.00,", // truncated to microseconds: same day
        "o6,c1,2024-02-03T09:00:00Z,p1,1,USD,100.00,return", // a return: not subtracted
        "o7,c3,2024-02-10T09:00:00Z,p1,1,JPY,100,return", // a currency with returns only
        "o8,c1,2024-03-01T09:00:00Z,p1,1,USD,1.00,",
        "o2,c1,2024-01-05T23:30:00-05:00,p1,1,USD,7.1234,", // identical repeat: unchanged
        "o8,c4,2024-03-02T09:00:00Z,p1,2,USD,1.00,", // changed repeat: replaces o8, with another customer
        "o9,c5,2024-03-03T09:00:00Z,p1,1,USD,1.00,", // later than every calibration end below for c5
        "o10,c2,2024-03-04,p1,x,EUR,1.00,", // rejected
        "o11,,2024-03-04,p1,1,EUR,1.00,"); // no customer
    assertSameLoadError(file, ImportFormat.ORDERS_CSV, null); // --currency is required
    assertSameLoadError(file, ImportFormat.ORDERS_CSV, Currency.getInstance("JPY")); // returns only
    assertSameLoadError(file, ImportFormat.ORDERS_CSV, Currency.getInstance("GBP"));
    for (String code : List.of("USD", "EUR")) {
      Currency currency = Currency.getInstance(code);
      try (ClvData sql = ClvData.load(file, ImportFormat.ORDERS_CSV, currency)) {
        ClvOrders memory = ClvOrders.load(file, ImportFormat.ORDERS_CSV, currency);
        assertSameInput(memory, sql);
        assertThat(memory.report().ordersReplaced()).as("o8 replaced").isEqualTo(1);
        assertThat(memory.report().ordersUnchanged()).as("o2 repeated").isEqualTo(1);
        for (PeriodUnit unit : UNITS) {
          assertSameSummaries(memory, sql, LocalDate.of(2024, 1, 31), LocalDate.of(2024, 3, 31), unit);
          assertSameSummaries(memory, sql, LocalDate.of(2024, 2, 5), LocalDate.of(2024, 3, 2), unit);
        }
      }
    }
  }

  @Test
  void orderTotalBeyondTheStoresLimit_sameRejection() throws IOException {
    Path file = write("huge.csv",
        "order_id,customer_id,placed_at,product_id,quantity,currency,line_amount",
        "o1,c1,2024-01-05,p1,1,USD,1.00",
        "o2,c1,2024-01-06,p1,1,USD,900000000000000",
        "o2,c1,2024-01-06,p2,1,USD,900000000000000",
        "o3,c1,2024-01-09,p1,1,USD,2.00");
    try (ClvData sql = ClvData.load(file, ImportFormat.ORDERS_CSV, null)) {
      ClvOrders memory = ClvOrders.load(file, ImportFormat.ORDERS_CSV, null);
      assertSameInput(memory, sql);
      assertThat(memory.report().rejectedCount()).isEqualTo(1);
      assertSameSummaries(memory, sql, LocalDate.of(2024, 1, 6), LocalDate.of(2024, 1, 31), PeriodUnit.DAYS);
    }
  }

  private static void assertSameInput(ClvOrders memory, ClvData sql) {
    assertThat(memory.currency()).isEqualTo(sql.currency());
    assertThat(withoutElapsed(memory.report())).isEqualTo(withoutElapsed(sql.report()));
    assertThat(memory.view()).isEqualTo(sql.view());
  }

  /** The report without its wall time; every other field is compared. */
  private static ImportReport withoutElapsed(ImportReport r) {
    return new ImportReport(r.format(), r.rowsRead(), r.ordersRead(), r.ordersWritten(), r.ordersUnchanged(),
        r.ordersReplaced(), r.customers(), r.rejectedCount(), r.rejected(), r.skippedCount(), r.skipped(),
        java.time.Duration.ZERO);
  }

  private static void assertSameSummaries(
      ClvOrders memory, ClvData sql, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    String what = calibrationEnd + " to " + holdoutEnd + " in " + unit;
    assertThat(outcome(m -> m.summarize(calibrationEnd, unit), memory))
        .as("summaries at " + what)
        .isEqualTo(outcome(s -> s.summarize(calibrationEnd, unit), sql));
    assertThat(outcome(m -> m.split(calibrationEnd, holdoutEnd, unit), memory))
        .as("split at " + what)
        .isEqualTo(outcome(s -> s.split(calibrationEnd, holdoutEnd, unit), sql));
  }

  private void assertSameLoadError(Path file, ImportFormat format, @Nullable Currency currency) {
    String memory = loadError(() -> ClvOrders.load(file, format, currency));
    String sql = loadError(() -> ClvData.load(file, format, currency).close());
    assertThat(memory).as(file + " as " + format).isEqualTo(sql).isNotEqualTo("no error");
  }

  private static String loadError(Runnable load) {
    try {
      load.run();
      return "no error";
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** @return the value, or the exception's class and message */
  private static <D> Object outcome(Function<D, Object> f, D data) {
    try {
      return f.apply(data);
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** @return a copy of the file with its lines after the first {@code keep} shuffled */
  private Path shuffled(Path file, int keep, long seed) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> rest = new ArrayList<>(lines.subList(keep, lines.size()));
    Collections.shuffle(rest, new Random(seed));
    List<String> out = new ArrayList<>(lines.subList(0, keep));
    out.addAll(rest);
    Path copy = dir.resolve("shuffled-" + file.getFileName());
    Files.write(copy, out, StandardCharsets.UTF_8);
    return copy;
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
