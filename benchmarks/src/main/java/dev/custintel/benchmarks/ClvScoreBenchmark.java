package dev.custintel.benchmarks;

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
import java.util.Currency;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fit and score a synthetic base of {@link #customers} customers ({@link SyntheticCustomers}, weeks, two years of
 * first purchases): {@code fitAndScore} fits the purchase model and Gamma-Gamma on every summary and values every
 * customer over 12 months with the interval ({@link CustomerValueModel#values}); {@code score} only values (models
 * fitted in setup). Single shots, seconds. The heap is capped at 1 GB to show that the work is bounded by the
 * distinct summaries and the per-customer output, not by orders. The target: fit + score of 1M customers at
 * most 2 s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Benchmark)
public class ClvScoreBenchmark {
  /** Customers in the base. */
  @Param({"1000000"})
  public int customers;

  /** The purchase model. */
  @Param({"mbgnbd"})
  public String model;

  private List<CustomerRfm> base;
  private CustomerValueModel fitted;
  private List<CustomerValue> last;

  /** Simulates the base and fits once for {@link #score}. */
  @Setup(Level.Trial)
  public void setUp() {
    base = SyntheticCustomers.generate(customers, ShopData.SEED);
    fitted = fit();
    List<RfmSummary> rfm = summaries();
    System.out.printf("%n[setup] %,d customers, %,d distinct (x, t_x, T), %,d repeaters; %s%n", base.size(),
        new java.util.HashSet<>(rfm).size(), rfm.stream().filter(s -> s.frequency() > 0).count(),
        fitted.purchases());
  }

  private List<RfmSummary> summaries() {
    return base.stream().map(RfmSummary::of).toList();
  }

  private CustomerValueModel fit() {
    PurchaseModel purchases = PurchaseModelKind.fromId(model).fit(summaries());
    GammaGammaModel spend = GammaGammaModel.fit(
        base.stream().map(SpendSummary::of).toList(),
        GammaGammaOptions.defaults());
    return CustomerValueModel.of(purchases, spend, PeriodUnit.WEEKS, Currency.getInstance("USD"));
  }

  /** @return every customer's value, from fits made in this call */
  @Benchmark
  public List<CustomerValue> fitAndScore() {
    last = fit().values(base, ValuationOptions.defaults());
    return last;
  }

  /** @return every customer's value, from the fits made in setup */
  @Benchmark
  public List<CustomerValue> score() {
    last = fitted.values(base, ValuationOptions.defaults());
    return last;
  }

  /** Prints the total value, as a check that the work was done. */
  @TearDown(Level.Trial)
  public void report() {
    if (last != null) {
      System.out.printf("%n[scored] %,d customers, total 12-month value %.0f%n", last.size(),
          last.stream().mapToDouble(CustomerValue::value).sum());
    }
  }
}
