package dev.custintel.analytics.clv.summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Reads the CDNOW reference files in {@code data/clv} (see its README) for the tests. */
final class CdnowData {

  /** One row of {@code cdnow_customers_summary_with_transactions.csv}. */
  record PublishedSummary(String id, int x, double tx, double t, double zbar) {}

  private static final Path DIR =
      Path.of(System.getProperty("custintel.dataDir", "../data")).resolve("clv");

  private CdnowData() {}

  /** The 6,919 rows of {@code CDNOW_sample.txt}, with the sample id (column 2, 1–2357, unpadded) as customer id. */
  static List<Transaction> sampleTransactions() {
    List<Transaction> result = new ArrayList<>();
    for (String line : lines("CDNOW_sample.txt")) {
      if (line.isBlank()) {
        continue;
      }
      // master id, sample id, YYYYMMDD, number of CDs, dollars
      String[] f = line.trim().split("\\s+");
      // The sample id is zero-padded ("0001"); the published summary calls that customer "1".
      result.add(
          Transaction.of(
              String.valueOf(Integer.parseInt(f[1])), LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE),
              new BigDecimal(f[4])));
    }
    return result;
  }

  /** The 2,357 rows of {@code cdnow_customers_summary_with_transactions.csv} (header skipped). */
  static List<PublishedSummary> publishedSummaries() {
    List<String> lines = lines("cdnow_customers_summary_with_transactions.csv");
    List<PublishedSummary> result = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(",");
      result.add(
          new PublishedSummary(
              f[0],
              Integer.parseInt(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4])));
    }
    return result;
  }

  private static List<String> lines(String name) {
    try {
      // readAllLines splits on CRLF as well as LF, so the files' CRLF endings need no special care.
      return Files.readAllLines(DIR.resolve(name), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
