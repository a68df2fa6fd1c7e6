package dev.custintel.benchmarks;

import dev.custintel.analytics.clv.BgNbdModel;
import dev.custintel.analytics.clv.BgNbdOptions;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaOptions;
import dev.custintel.analytics.clv.ModifiedBgNbdModel;
import dev.custintel.analytics.clv.ParetoNbdModel;
import dev.custintel.analytics.clv.ParetoNbdOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Maximum-likelihood fits on the CDNOW sample (2,357 customers, weeks): the whole {@code fit} call, from the
 * summaries to the fitted model with standard errors (compression, BFGS, Hessian, covariance). Warm, average time in
 * milliseconds. The target: BG/NBD at most 10 ms.
 */
@State(Scope.Benchmark)
public class ClvFitBenchmark extends AverageTimeBenchmark {
  private CdnowSummaryFile.Data data;

  /** Reads the summaries. */
  @Setup(Level.Trial)
  public void setUp() {
    data = CdnowSummaryFile.load();
  }

  /** @return the fitted BG/NBD model */
  @Benchmark
  public BgNbdModel bgNbd() {
    return BgNbdModel.fit(data.purchases(), BgNbdOptions.defaults());
  }

  /** @return the fitted modified BG/NBD model */
  @Benchmark
  public ModifiedBgNbdModel modifiedBgNbd() {
    return ModifiedBgNbdModel.fit(data.purchases(), BgNbdOptions.defaults());
  }

  /** @return the fitted Pareto/NBD model */
  @Benchmark
  public ParetoNbdModel paretoNbd() {
    return ParetoNbdModel.fit(data.purchases(), ParetoNbdOptions.defaults());
  }

  /** @return the fitted Gamma-Gamma model (946 repeat customers) */
  @Benchmark
  public GammaGammaModel gammaGamma() {
    return GammaGammaModel.fit(data.spend(), GammaGammaOptions.defaults());
  }
}
