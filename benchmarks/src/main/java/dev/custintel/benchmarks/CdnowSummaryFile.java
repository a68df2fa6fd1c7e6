package dev.custintel.benchmarks;

import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDNOW sample's published calibration summaries ({@code data/clv/cdnow_customers_summary_with_transactions.csv}:
 * 2,357 customers, weeks, calibration end 1997-09-30), found through the system property {@code custintel.dataDir}
 * (set by {@code run.sh}; default {@code data}).
 */
final class CdnowSummaryFile {
  private CdnowSummaryFile() {}

  /** Purchase summaries and spend summaries, in file order. */
  record Data(List<RfmSummary> purchases, List<SpendSummary> spend) {}

  static Data load() {
    Path file = Path.of(System.getProperty("custintel.dataDir", "data"), "clv",
        "cdnow_customers_summary_with_transactions.csv");
    List<RfmSummary> purchases = new ArrayList<>();
    List<SpendSummary> spend = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        int x = Integer.parseInt(f[1].trim());
        purchases.add(RfmSummary.of(x, Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        spend.add(new SpendSummary(x, Double.parseDouble(f[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " (run from the repository root, or set "
          + "-Dcustintel.dataDir)", e);
    }
    return new Data(List.copyOf(purchases), List.copyOf(spend));
  }
}
