package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.Bfgs;
import dev.custintel.analytics.clv.internal.Covariance;
import dev.custintel.analytics.clv.internal.FiniteDifferences;
import dev.custintel.analytics.clv.internal.GammaGammaObjective;
import dev.custintel.analytics.clv.internal.Subsample;
import dev.custintel.analytics.clv.internal.SummaryTable;
import dev.custintel.analytics.clv.internal.GammaGammaFormulas;
import dev.custintel.core.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Gamma-Gamma model of the monetary value of repeat transactions: Fader, Hardie &amp; Lee (2005), "RFM and
 * CLV: Using Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 415–430, in the
 * formulation of Fader &amp; Hardie (2013), "The Gamma-Gamma Model of Monetary Value". Immutable and thread-safe.
 *
 * <p>Assumptions: a customer's transaction values {@code Z_1, Z_2, …} are independent {@code Gamma(p, ν)} (shape
 * {@code p}, rate {@code ν}), so their mean over {@code x} transactions is {@code z̄ ~ Gamma(px, νx)}; {@code ν}
 * varies across customers as {@code Gamma(q, γ)}; spend is independent of the purchase process (so the model
 * combines with {@link BgNbdModel} for CLV). Only repeat transactions are modelled: the note fits on the mean value
 * of the repeat transactions, first purchase excluded.
 *
 * <p>Units: {@code z̄}, {@code γ} and every expected spend are in the currency unit of the data the model was
 * fitted on; {@code p} and {@code q} are unitless. The log-likelihood is that of a density in {@code z̄}, so it
 * shifts by {@code −n ln c} if the currency is rescaled by {@code c}.
 *
 * <p>Create one with {@link #fit} (maximum likelihood, with standard errors, diagnostics and the count of
 * customers left out) or with {@link #of} (known parameters, for predictions only).
 */
public final class GammaGammaModel extends FittedModel<GammaGammaParameters, GammaGammaStandardErrors> {

  // Beyond e^±50 a parameter is meaningless for this model; treat the likelihood there as zero so the search
  // backs off instead of overflowing.
  private static final double MAX_ABS_LOG_PARAMETER = 50.0;
  /** Central differences of the exact gradient for the Hessian. */
  private static final double HESSIAN_STEP = 1e-5;

  private final @Nullable GammaGammaSampleCounts sampleCounts;

  private GammaGammaModel(
      GammaGammaParameters parameters,
      @Nullable GammaGammaStandardErrors standardErrors,
      @Nullable Double logLikelihood,
      @Nullable FitDiagnostics diagnostics,
      @Nullable ParameterCovariance covariance,
      @Nullable GammaGammaSampleCounts sampleCounts) {
    super(parameters, standardErrors, logLikelihood, diagnostics, covariance);
    this.sampleCounts = sampleCounts;
  }

  /**
   * A model with known parameters and no fit information ({@link #standardErrors()}, {@link #logLikelihood()},
   * {@link #diagnostics()} and {@link #sampleCounts()} are empty).
   *
   * @param parameters the parameters
   * @return the model
   */
  public static GammaGammaModel of(GammaGammaParameters parameters) {
    return new GammaGammaModel(parameters, null, null, null, null, null);
  }

  /**
   * Fits the model by maximum likelihood: the sum over customers of the log marginal density of {@code z̄}
   * given {@code x} (Fader &amp; Hardie 2013, eq. 4):
   * {@code ln f(z̄ | p, q, γ; x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x
   * − (px+q) ln(γ + x z̄)}.
   *
   * <p>Only customers with {@code x ≥ 1} and {@code z̄ > 0} enter the likelihood; customers with {@code x = 0}
   * (no repeat transaction, so no repeat spend was observed) and customers with {@code z̄ ≤ 0} (outside the
   * support of a gamma distribution) are left out, and {@link #sampleCounts()} says how many of each. Identical
   * {@code (x, z̄)} pairs are merged first ({@link FitDiagnostics#distinctSummaries()} counts the distinct
   * pairs). The search runs BFGS over {@code (ln p, ln q, ln γ)}; standard errors come from the central-difference
   * Hessian at the optimum and the delta method. The likelihood and its gradient are summed over the distinct pairs
   * in fixed chunks (in parallel) added in chunk order, so the same input gives bit-identical estimates on every
   * run. With 65,536 distinct summaries or more the search first runs over every k-th of them (16,384 to
   * 20,480 of them) and the search over all of them starts at that optimum: the same stopping rule, far fewer
   * passes over the data.
   *
   * <p>The likelihood is known to be flat along a ridge, so the search may need many iterations or stop short:
   * the iteration budget is bounded by the options, and if it runs out (or the search stalls) before the gradient
   * tolerance is met, the best point found is returned with {@code diagnostics().converged() == false}. The result
   * never holds NaN or infinite values; if the Hessian there is not positive definite, {@link #standardErrors()}
   * is empty. A fit may return {@code q ≤ 1}, in which case the spend predictions throw.
   *
   * @param summaries the customers, all in one currency unit
   * @param options search options
   * @return the fitted model
   * @throws InvalidInputException {@code "summaries"} if the list is empty or no customer has {@code x ≥ 1} and
   *     {@code z̄ > 0}; {@code "summaries[i]"} if an element is null; {@code "start"} if the log-likelihood is
   *     not finite at the starting point
   */
  public static GammaGammaModel fit(List<SpendSummary> summaries, GammaGammaOptions options) {
    if (summaries.isEmpty()) {
      throw InvalidInputException.argument("summaries", "must not be empty");
    }
    // Mean spends are amounts: nearly every repeat buyer's pair is distinct, so the table is sized for them all.
    int repeaters = 0;
    for (@Nullable SpendSummary s : summaries) {
      if (s != null && s.frequency() > 0) {
        repeaters++;
      }
    }
    SummaryTable merged = SummaryTable.forDistinct(repeaters);
    int noRepeat = 0;
    int nonPositive = 0;
    for (int i = 0; i < summaries.size(); i++) {
      @Nullable SpendSummary s = summaries.get(i);
      if (s == null) {
        throw InvalidInputException.argument("summaries[" + i + "]", "must not be null");
      }
      if (s.frequency() == 0) {
        noRepeat++;
      } else if (!(s.meanSpend() > 0.0)) {
        nonPositive++;
      } else {
        merged.add(s.frequency(), s.meanSpend(), 0.0, 1L);
      }
    }
    if (merged.size() == 0) {
      throw InvalidInputException.argument(
          "summaries",
          "need at least one customer with frequency > 0 and meanSpend > 0 (had " + noRepeat
              + " with frequency 0 and " + nonPositive + " with meanSpend <= 0)");
    }
    int n = merged.size();
    int[] xs = new int[n];
    double[] spends = new double[n];
    double[] weights = new double[n];
    double totalWeight = 0.0;
    for (int k = 0; k < n; k++) {
      xs[k] = merged.x(k);
      spends[k] = merged.first(k);
      weights[k] = merged.count(k);
      totalWeight += weights[k];
    }
    // Mean negative log-likelihood per fitted customer, with its exact gradient: keeps the gradient tolerance
    // independent of the data size.
    Bfgs.Objective exact = new GammaGammaObjective(xs, spends, weights);
    double w = totalWeight;
    GammaGammaParameters start = options.start();
    double[] theta0 = {Math.log(start.p()), Math.log(start.q()), Math.log(start.gamma())};
    if (!Double.isFinite(exact.valueAndGradient(theta0, new double[3]))) {
      throw InvalidInputException.argument("start", "the log-likelihood is not finite there (was " + start + ")");
    }
    int k = Subsample.stride(n);
    Bfgs.Result result = k == 0
        ? Bfgs.minimize(exact, theta0, options.maxIterations(), options.gradientTolerance())
        : Bfgs.minimize(exact,
            new GammaGammaObjective(Subsample.every(xs, k), Subsample.every(spends, k), Subsample.every(weights, k)),
            theta0, options.maxIterations(), options.gradientTolerance());
    double[] theta = result.x();
    GammaGammaParameters fitted =
        new GammaGammaParameters(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]));

    GammaGammaStandardErrors errors = null;
    ParameterCovariance covariance = null;
    double[][] meanHessian = FiniteDifferences.hessianFromGradient(exact, theta, HESSIAN_STEP);
    double[][] hessian = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        hessian[i][j] = meanHessian[i][j] * w;
      }
    }
    Optional<double[][]> cov = Covariance.inversePositiveDefinite(hessian);
    if (cov.isPresent()) {
      double[][] c = cov.get();
      GammaGammaStandardErrors candidate = new GammaGammaStandardErrors(
          fitted.p() * Math.sqrt(c[0][0]), fitted.q() * Math.sqrt(c[1][1]), fitted.gamma() * Math.sqrt(c[2][2]));
      if (Double.isFinite(candidate.p()) && Double.isFinite(candidate.q()) && Double.isFinite(candidate.gamma())) {
        errors = candidate;
        covariance = new ParameterCovariance(List.of("p", "q", "gamma"), c);
      }
    }
    double ll = -result.value() * w;
    FitDiagnostics diag = new FitDiagnostics(result.iterations(), result.gradientNorm(), result.converged(), n);
    GammaGammaSampleCounts counts = new GammaGammaSampleCounts((int) totalWeight, noRepeat, nonPositive);
    return new GammaGammaModel(fitted, errors, ll, diag, covariance, counts);
  }

  /** @return how many customers the fit used and left out, and why; empty for {@link #of} models */
  public Optional<GammaGammaSampleCounts> sampleCounts() {
    return Optional.ofNullable(sampleCounts);
  }

  /**
   * Sum over the customers of the log marginal density of {@code z̄} (see {@link #fit}) under this model's
   * parameters. Customers that {@link #fit} leaves out ({@code x = 0} or {@code z̄ ≤ 0}) contribute 0, so on the
   * fitting data this reproduces {@link #logLikelihood()}.
   *
   * @param summaries the customers
   * @return the total log-likelihood
   * @throws InvalidInputException {@code "summaries[i]"} if an element is null
   */
  public double logLikelihoodOf(List<SpendSummary> summaries) {
    GammaGammaParameters p = parameters();
    double sum = 0.0;
    for (int i = 0; i < summaries.size(); i++) {
      @Nullable SpendSummary s = summaries.get(i);
      if (s == null) {
        throw InvalidInputException.argument("summaries[" + i + "]", "must not be null");
      }
      if (s.isFittable()) {
        sum += GammaGammaFormulas.logLikelihood(p.p(), p.q(), p.gamma(), s.frequency(), s.meanSpend());
      }
    }
    return sum;
  }

  /**
   * Mean transaction value of a randomly chosen customer, {@code E[Z] = E[p/ν] = p γ / (q − 1)}, in the model's
   * currency unit.
   *
   * @return the population mean spend per transaction, greater than 0
   * @throws InvalidInputException {@code "parameters"} if {@code q ≤ 1} (the mean of {@code 1/ν} is then infinite)
   */
  public double expectedMeanSpend() {
    requireQAboveOne();
    return finite(GammaGammaFormulas.conditionalExpectedSpend(
        parameters().p(), parameters().q(), parameters().gamma(), 0, 0.0));
  }

  /**
   * Expected value of a future transaction of a customer with the given history, Fader &amp; Hardie (2013)
   * eq. 5: {@code E[Z | x, z̄] = p (γ + x z̄) / (p x + q − 1)}, equivalently the weighted average
   * {@code (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄} of the population mean and the customer's own mean.
   *
   * <p>For {@code x = 0} the formula gives the population mean {@code p γ / (q − 1)} whatever {@code z̄} is (with
   * no repeat transaction the posterior of {@code ν} is its prior); lifetimes'
   * {@code conditional_expected_average_profit} returns the same for such customers. A customer with
   * {@code x ≥ 1} must have {@code z̄ > 0}, the model's support.
   *
   * @param summary the customer's spend summary
   * @return the expected spend per transaction, in the model's currency unit, greater than 0
   * @throws InvalidInputException {@code "parameters"} if {@code q ≤ 1}; {@code "meanSpend"} if {@code x ≥ 1}
   *     and {@code z̄ ≤ 0}
   */
  public double conditionalExpectedSpend(SpendSummary summary) {
    requireQAboveOne();
    if (summary.frequency() > 0 && !(summary.meanSpend() > 0.0)) {
      throw InvalidInputException.argument(
          "meanSpend",
          "must be greater than 0 when frequency > 0; the Gamma-Gamma model covers positive spend only (was "
              + summary.meanSpend() + "); use frequency 0 for the population mean");
    }
    GammaGammaParameters p = parameters();
    return finite(GammaGammaFormulas.conditionalExpectedSpend(
        p.p(), p.q(), p.gamma(), summary.frequency(), summary.meanSpend()));
  }

  private void requireQAboveOne() {
    if (!(parameters().q() > 1.0)) {
      throw InvalidInputException.argument(
          "parameters", "q must be greater than 1 for the expected spend to be finite (was " + parameters().q() + ")");
    }
  }

  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      // Only reachable with spends near Double.MAX_VALUE; fail loudly rather than hand back ∞.
      throw InvalidInputException.argument("meanSpend", "too large: the expected spend overflows");
    }
    return value;
  }

}
