package dev.custintel.benchmarks;

import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaOptions;
import dev.custintel.analytics.clv.ModifiedBgNbdModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.generate.BgNbdParameters;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * The input of {@code benchmarks/peers/score_numpy.py}: the million customers of {@link ClvScoreBenchmark} written
 * as CSV ({@code frequency,recency,age,mean_spend}, weeks and dollars, every double with all its digits), the
 * MBG/NBD and Gamma-Gamma fitted on them, and this JVM's own timing of the same valuation
 * ({@link CustomerValueModel#values}, 12 months at 1 % a month) with its total, which the numpy script must
 * reproduce. Not JMH: the script's side is timed by the script, so this side is timed the same way (best of a
 * few repetitions after warm-up).
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.custintel.benchmarks.ClvScorePeerInput OUT.csv [REPETITIONS]
 * </pre>
 */
public final class ClvScorePeerInput {
  private ClvScorePeerInput() {}

  /**
   * @param args the CSV to write, then optional repetitions of the timed valuation (default 7)
   * @throws IOException if the CSV cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    List<CustomerRfm> base = SyntheticCustomers.generate(1_000_000, ShopData.SEED);
    ModifiedBgNbdModel purchases = (ModifiedBgNbdModel) PurchaseModelKind.fromId("mbgnbd")
        .fit(base.stream().map(RfmSummary::of).toList());
    GammaGammaModel spend = GammaGammaModel.fit(
        base.stream().map(SpendSummary::of).toList(), GammaGammaOptions.defaults());
    CustomerValueModel model = CustomerValueModel.of(purchases, spend, PeriodUnit.WEEKS, Currency.getInstance("USD"));
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("frequency,recency,age,mean_spend\n");
      for (CustomerRfm c : base) {
        SpendSummary s = SpendSummary.of(c);
        w.write(c.frequency() + "," + c.recency() + "," + c.age() + "," + s.meanSpend() + "\n");
      }
    }
    long[] nanos = new long[repetitions];
    double total = 0.0;
    for (int rep = 0; rep < repetitions; rep++) {
      long start = System.nanoTime();
      List<CustomerValue> values = model.values(base, ValuationOptions.defaults());
      nanos[rep] = System.nanoTime() - start;
      total = values.stream().mapToDouble(CustomerValue::value).sum();
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    BgNbdParameters p = purchases.parameters();
    System.out.printf(Locale.ROOT, "mbgnbd %s %s %s %s%n", p.r(), p.alpha(), p.a(), p.b());
    System.out.printf(Locale.ROOT, "gammagamma %s %s %s%n",
        spend.parameters().p(), spend.parameters().q(), spend.parameters().gamma());
    System.out.printf(Locale.ROOT, "custintel values: best %.3f s, median %.3f s of %d (all: %s ms); total %.6f%n",
        sorted[0] / 1e9, sorted[repetitions / 2] / 1e9, repetitions,
        Arrays.toString(Arrays.stream(nanos).map(n -> Math.round(n / 1e6)).toArray()), total);
  }
}
