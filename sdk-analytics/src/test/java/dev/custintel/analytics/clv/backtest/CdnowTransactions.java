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

/** Reads {@code data/clv/CDNOW_sample.txt} (see its README) for the tests. */
final class CdnowTransactions {

  private static final Path FILE =
      Path.of(System.getProperty("custintel.dataDir", "../data")).resolve("clv").resolve("CDNOW_sample.txt");

  private CdnowTransactions() {}

  /** The 6,919 rows, with the sample id (column 2, unpadded) as customer id. */
  static List<Transaction> load() {
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
              String.valueOf(Integer.parseInt(f[1])),
              LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE),
              new BigDecimal(f[4])));
    }
    return result;
  }
}
