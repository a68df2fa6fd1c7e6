package dev.custintel.benchmarks;

import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FrequentItemsets;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The market-basket reference files of {@code data/affinity/} (see its README), found through the system property
 * {@code custintel.dataDir} (set by {@code run.sh}; default {@code data}). {@code .csv} files are basket CSV, the
 * others FIMI.
 */
final class AffinityData {
  private AffinityData() {}

  /** A data file and a minimum support, written {@code file@support}, such as {@code retail.dat@0.0005}. */
  record Case(String file, double minSupport) {
    static Case parse(String spec) {
      int at = spec.indexOf('@');
      if (at < 0) {
        throw new IllegalArgumentException("expected file@support, such as retail.dat@0.0005 (was '" + spec + "')");
      }
      return new Case(spec.substring(0, at), Double.parseDouble(spec.substring(at + 1)));
    }
  }

  static Baskets load(String file) {
    Path path = Path.of(System.getProperty("custintel.dataDir", "data"), "affinity", file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("Cannot find " + path + " (run from the repository root, or set "
          + "-Dcustintel.dataDir)");
    }
    return file.endsWith(".csv") ? Baskets.readBasketCsv(path) : Baskets.readFimi(path);
  }

  /** @return a one-line description of the baskets and the itemsets mined from them, for the results */
  static String describe(String file, double minSupport, Baskets baskets, FrequentItemsets itemsets) {
    int[] byLength = itemsets.countsByLength();
    return String.format(Locale.ROOT, "%s: %,d baskets, %,d items; min support %s = count >= %,d: %,d itemsets, by "
            + "length %s", file, baskets.size(), baskets.itemCount(), BigDecimal.valueOf(minSupport).stripTrailingZeros().toPlainString(),
        itemsets.minCount(), itemsets.size(),
        Arrays.toString(Arrays.copyOfRange(byLength, 1, byLength.length)));
  }
}
