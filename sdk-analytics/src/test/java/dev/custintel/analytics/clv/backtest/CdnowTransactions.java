package dev.custintel.analytics.clv.backtest;

import dev.custintel.analytics.clv.summary.Transaction;
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
import java.util.function.Function;

/** Reads {@code data/clv/CDNOW_sample.txt} (see its README) for the tests. */
final class CdnowTransactions {

  static final Path FILE =
      Path.of(System.getProperty("custintel.dataDir", "../data")).resolve("clv").resolve("CDNOW_sample.txt");

  private CdnowTransactions() {}

  /** The 6,919 rows, with the sample id (column 2, unpadded) as customer id. */
  static List<Transaction> load() {
    return load(f -> String.valueOf(Integer.parseInt(f[1])));
  }

  /** The 6,919 rows, with the master id (column 1, as written) as customer id: the id the CDNOW import uses. */
  static List<Transaction> loadByMasterId() {
    return load(f -> f[0]);
  }

  private static List<Transaction> load(Function<String[], String> customerId) {
    List<String> lines;
    try {
      lines = Files.readAllLines(FILE, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Transaction> result = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      // master id, sample id, YYYYMMDD, number of CDs, dollars
      String[] f = line.trim().split("\\s+");
      result.add(
          Transaction.of(
              customerId.apply(f), LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])));
    }
    return result;
  }
}
