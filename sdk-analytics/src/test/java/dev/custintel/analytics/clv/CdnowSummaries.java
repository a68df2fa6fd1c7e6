package dev.custintel.analytics.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code data/clv/cdnow_customers_summary.csv} (ID, frequency, recency, T; weeks). */
final class CdnowSummaries {

  private static List<RfmSummary> cached;

  private CdnowSummaries() {}

  static synchronized List<RfmSummary> load() {
    if (cached == null) {
      Path file = Path.of(System.getProperty("custintel.dataDir", "../data"), "clv", "cdnow_customers_summary.csv");
      List<RfmSummary> out = new ArrayList<>();
      try {
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
          if (line.isBlank()) {
            continue;
          }
          String[] f = line.split(",");
          out.add(RfmSummary.of(Integer.parseInt(f[1].trim()), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cached = List.copyOf(out);
    }
    return cached;
  }
}
