package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlainCdnow} (the CDNOW reader of {@code clv fit} and {@code clv score} for plain files) gives what the
 * importer's reading gives ({@link ClvOrders#load} without it): the same purchases in the same order, amounts with
 * their scale, the same report and currency, or the same error, on the bundled CDNOW files, shuffled copies, and
 * thousands of copies altered at random in the ways a CDNOW file can be written (separators, line ends, signs,
 * exponents, decimals, dates, headers, bytes); and it does read the plain ones itself.
 */
class PlainCdnowTest {
  @TempDir Path dir;

  @Test
  void bundledFiles_readPlainlyWithTheImportersResult() throws IOException {
    for (String name : List.of("clv/CDNOW_sample.txt", "clv/CDNOW_master.txt")) {
      Path file = TestData.file(name);
      assertThat(PlainCdnow.read(file)).as(name).isNotNull();
      assertSame(file, null);
      assertSame(file, Currency.getInstance("EUR")); // the same error: no purchase in EUR
    }
  }

  @Test
  void shuffledWithOtherLineEndsBlankLinesAndTabs_readPlainlyWithTheImportersResult() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(TestData.file("clv/CDNOW_sample.txt")));
    Collections.shuffle(lines, new Random(17));
    StringBuilder text = new StringBuilder("\n  \t\r\n");
    String[] ends = {"\n", "\r\n", "\r", "\n\n", "\n \t \n"};
    for (int i = 0; i < lines.size(); i++) {
      String line = i % 3 == 0 ? lines.get(i).replace(' ', '\t') : lines.get(i);
      text.append(line).append(ends[i % ends.length]);
    }
    Path file = write("shuffled.txt", text.toString().getBytes(StandardCharsets.US_ASCII));
    assertThat(PlainCdnow.read(file)).isNotNull();
    assertSame(file, null);
  }

  /**
   * Rows of both bundled layouts with one to three alterations each, drawn from what a CDNOW file may hold; every
   * file is read both ways. Both branches must be taken often: files read plainly and files left to the importer.
   */
  @Test
  void alteredFiles_sameResultOrErrorBothWays() throws IOException {
    List<String> sample = Files.readAllLines(TestData.file("clv/CDNOW_sample.txt"));
    List<String> master = Files.readAllLines(TestData.file("clv/CDNOW_master.txt"));
    Random random = new Random(2026_12_07L);
    int plain = 0;
    int other = 0;
    for (int n = 0; n < 1500; n++) {
      List<String> source = random.nextBoolean() ? sample : master;
      int start = random.nextInt(source.size() - 40);
      List<String> rows = new ArrayList<>(source.subList(start, start + 5 + random.nextInt(30)));
      int alterations = random.nextInt(4);
      for (int a = 0; a < alterations; a++) {
        int row = random.nextInt(rows.size());
        rows.set(row, ALTERATIONS.get(random.nextInt(ALTERATIONS.size())).apply(rows.get(row)));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      String end = random.nextInt(4) == 0 ? "\r\n" : "\n";
      if (random.nextInt(10) == 0) {
        bytes.write(FIRST_LINES.get(random.nextInt(FIRST_LINES.size())));
      }
      for (String row : rows) {
        bytes.write(row.getBytes(StandardCharsets.UTF_8));
        bytes.write(end.getBytes(StandardCharsets.US_ASCII));
      }
      if (random.nextInt(30) == 0) {
        bytes.write(new byte[] {'1', ' ', (byte) 0xC3, '\n'}); // not UTF-8
      }
      Path file = write("altered-" + n + ".txt", bytes.toByteArray());
      if (PlainCdnow.read(file) != null) {
        plain++;
      } else {
        other++;
      }
      assertSame(file, null);
    }
    assertThat(plain).as("files read plainly").isGreaterThan(300);
    assertThat(other).as("files left to the importer").isGreaterThan(300);
  }

  @Test
  void filesWithoutPlainPurchases_leftToTheImporter() throws IOException {
    for (String text : List.of("", "\n \n\t\n", "customer date cds dollars\n1 19970101 1 1.00\n",
        "customer_id date number_of_cds dollar_value\n1 1 19970101 1 1.00\n",
        "1 19970101 1\n", "1 1 19970101 1 1.00 7\n", "1 19970101 1 1.00\n2 5 19970101 1 1.00\n")) {
      Path file = write("not-plain.txt", text.getBytes(StandardCharsets.US_ASCII));
      assertThat(PlainCdnow.read(file)).as(text).isNull();
      assertSame(file, null);
    }
    assertThat(PlainCdnow.read(dir)).isNull();
    assertThat(PlainCdnow.read(dir.resolve("missing.txt"))).isNull();
  }

  @Test
  void amountsKeepTheStoresScaleAndLimits() throws IOException {
    Path file = write("amounts.txt", ("1 19970101 1 0\n1 19970101 2 0.5\n1 19970102 3 12.3456\n"
        + "2 99991231 999999999 999999999999.9999\n3 00010101 1 007.10\n").getBytes(StandardCharsets.US_ASCII));
    List<?> purchases = PlainCdnow.read(file);
    assertThat(purchases).hasSize(5);
    assertSame(file, null);
  }

  private void assertSame(Path file, @Nullable Currency currency) {
    Object plain = load(file, currency, true);
    Object importer = load(file, currency, false);
    assertThat(plain).as(file.getFileName().toString()).isEqualTo(importer);
  }

  /** @return the purchases, report and currency read, or the error's class and message */
  private static Object load(Path file, @Nullable Currency currency, boolean plain) {
    try {
      ClvOrders orders = ClvOrders.load(file, file, ImportFormat.CDNOW, currency, plain);
      ImportReport r = orders.report();
      ImportReport report = new ImportReport(r.format(), r.rowsRead(), r.ordersRead(), r.ordersWritten(),
          r.ordersUnchanged(), r.ordersReplaced(), r.customers(), r.rejectedCount(), r.rejected(),
          r.skippedCount(), r.skipped(), Duration.ZERO);
      return List.of(orders.purchases(), report, orders.currency(), orders.view());
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** Lines put before the rows: headers, one with a column missing, a byte order mark. */
  private static final List<byte[]> FIRST_LINES = List.of(
      "customer_id date number_of_cds dollar_value\n".getBytes(StandardCharsets.US_ASCII),
      " CUSTOMER_ID\tDate  Number_Of_CDs dollar_value \r\n".getBytes(StandardCharsets.US_ASCII),
      "customer_id date number_of_cds\n".getBytes(StandardCharsets.US_ASCII),
      "customer_id date number_of_cds dollar_value extra\n".getBytes(StandardCharsets.US_ASCII),
      "\n\ncustomer_id date number_of_cds dollar_value\n".getBytes(StandardCharsets.US_ASCII),
      new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

  /** What may happen to a row: each changes one thing, in the ways files are written or broken. */
  private static final List<UnaryOperator<String>> ALTERATIONS = List.of(
      r -> r.replace(' ', '\t'),
      r -> "   " + r + "  \t",
      r -> r.replaceFirst(" +", " \f "),
      r -> r.replaceFirst(" +", "\u000B"),
      r -> r.replaceFirst(" +", "\u00A0"),
      r -> "",
      r -> "  \t ",
      r -> column(r, 0, "A" + token(r, 0)),
      r -> column(r, 0, "+" + token(r, 0)),
      r -> column(r, 0, "0" + token(r, 0)),
      r -> column(r, 0, "1".repeat(33)),
      r -> column(r, 0, "9".repeat(60)),
      r -> column(r, 0, "١٢٣"),
      r -> column(r, -3, "19970230"),
      r -> column(r, -3, "00000101"),
      r -> column(r, -3, "19971301"),
      r -> column(r, -3, "1997010"),
      r -> column(r, -3, "199701011"),
      r -> column(r, -3, "1997-01-01"),
      r -> column(r, -3, "99991231"),
      r -> column(r, -2, "0"),
      r -> column(r, -2, "-1"),
      r -> column(r, -2, "+2"),
      r -> column(r, -2, "0002"),
      r -> column(r, -2, "9999999999"),
      r -> column(r, -2, "2.0"),
      r -> column(r, -2, "1e2"),
      r -> column(r, -1, "-0"),
      r -> column(r, -1, "-1.5"),
      r -> column(r, -1, "+1.5"),
      r -> column(r, -1, ".5"),
      r -> column(r, -1, "5."),
      r -> column(r, -1, "1.23456"),
      r -> column(r, -1, "1.23000"),
      r -> column(r, -1, "1.2300"),
      r -> column(r, -1, "1e3"),
      r -> column(r, -1, "0x10"),
      r -> column(r, -1, "1234567890123"),
      r -> column(r, -1, "999999999999.9999"),
      r -> column(r, -1, "99999999999999999"),
      r -> column(r, -1, "NaN"),
      r -> column(r, -1, "12,50"),
      r -> column(r, -1, "0"),
      r -> column(r, -1, "00.00"),
      r -> r + " 7",
      r -> r.isBlank() ? r : r.strip().substring(0, Math.max(0, r.strip().lastIndexOf(' '))),
      r -> r.replace("1997", "1998"));

  /** @return the row with its column i (counted from the end when negative: -1 the last) replaced */
  private static String column(String row, int i, String value) {
    String[] cells = row.strip().split("\\s+");
    int at = i >= 0 ? i : cells.length + i;
    if (at < 0 || at >= cells.length) {
      return row;
    }
    cells[at] = value;
    return String.join(" ", cells);
  }

  private static String token(String row, int i) {
    String[] cells = row.strip().split("\\s+");
    return i < cells.length ? cells[i] : "";
  }
}
