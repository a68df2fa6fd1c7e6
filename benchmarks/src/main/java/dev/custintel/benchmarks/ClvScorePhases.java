package dev.custintel.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaOptions;
import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import java.lang.management.ManagementFactory;
import java.util.Currency;
import java.util.List;

/**
 * {@link ClvScoreBenchmark#fitAndScore}'s steps one by one (not JMH): the summary list, the MBG/NBD fit, the spend
 * list, the Gamma-Gamma fit, valuation, each with its wall time and the process's CPU time (all threads, the
 * collector's included). On a machine shared with other work the CPU time moves much less than the wall time, so
 * two builds can be compared by it. Prints one line per repetition, then the fits and the total value of the last.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.custintel.benchmarks.ClvScorePhases [REPETITIONS]
 * </pre>
 */
public final class ClvScorePhases {
  private ClvScorePhases() {}

  /**
   * @param args optional repetitions (default 8)
   */
  public static void main(String[] args) {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    List<CustomerRfm> base = SyntheticCustomers.generate(1_000_000, ShopData.SEED);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int rep = 0; rep < repetitions; rep++) {
      long[] wall = new long[6];
      long[] cpu = new long[6];
      wall[0] = System.nanoTime();
      cpu[0] = os.getProcessCpuTime();
      List<RfmSummary> rfm = base.stream().map(RfmSummary::of).toList();
      wall[1] = System.nanoTime();
      cpu[1] = os.getProcessCpuTime();
      PurchaseModel purchases = PurchaseModelKind.fromId("mbgnbd").fit(rfm);
      wall[2] = System.nanoTime();
      cpu[2] = os.getProcessCpuTime();
      List<SpendSummary> spendSummaries = base.stream().map(SpendSummary::of).toList();
      wall[3] = System.nanoTime();
      cpu[3] = os.getProcessCpuTime();
      GammaGammaModel spend = GammaGammaModel.fit(spendSummaries, GammaGammaOptions.defaults());
      wall[4] = System.nanoTime();
      cpu[4] = os.getProcessCpuTime();
      List<CustomerValue> values = CustomerValueModel.of(purchases, spend, PeriodUnit.WEEKS,
          Currency.getInstance("USD")).values(base, ValuationOptions.defaults());
      wall[5] = System.nanoTime();
      cpu[5] = os.getProcessCpuTime();
      System.out.printf("rep %d  wall ms: %s  cpu ms: %s  (summaries, MBG/NBD fit, spend list, Gamma-Gamma fit,"
          + " valuation, total)%n", rep, phases(wall), phases(cpu));
      if (rep == repetitions - 1) {
        System.out.println(purchases + ", " + purchases.diagnostics().orElseThrow());
        System.out.println(spend + ", " + spend.diagnostics().orElseThrow());
        System.out.printf("total 12-month value %.6f%n", values.stream().mapToDouble(CustomerValue::value).sum());
      }
    }
  }

  private static String phases(long[] nanos) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < nanos.length; i++) {
      out.append(Math.round((nanos[i] - nanos[i - 1]) / 1e6)).append(' ');
    }
    return out.append(Math.round((nanos[nanos.length - 1] - nanos[0]) / 1e6)).toString();
  }
}
