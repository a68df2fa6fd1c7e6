package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.ParetoNbdFormulas;
import dev.custintel.analytics.clv.internal.ParetoNbdObjective;
import dev.custintel.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The Pareto/NBD model of Schmittlein, Morrison &amp; Colombo (1987), "Counting Your Customers: Who Are They and
 * What Will They Do Next?", Management Science 33(1), 1–24, with the likelihood and conditional expressions of
 * Fader &amp; Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions". Immutable and
 * thread-safe.
 *
 * <p>Assumptions: while active, a customer's purchases follow a Poisson process with rate λ; the customer's
 * unobserved lifetime is exponential with rate μ; {@code λ ~ Gamma(r, α)} and {@code μ ~ Gamma(s, β)} across
 * customers, independently. Unlike BG/NBD, a customer can drop out at any time, including before the first repeat
 * purchase.
 *
 * <p>The individual likelihood is
 * {@code L = Γ(r+x) α^r β^s / Γ(r) · [(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀]}, where {@code A₀} is a difference
 * of two Gauss hypergeometric terms (one form for {@code α ≥ β}, another for {@code α < β}, so that the argument
 * stays in {@code [0, 1)}). Everything is evaluated in log space with transformed, overflow-free series; see
 * {@code internal.ParetoNbdFormulas}.
 *
 * <p>Units: every time (recency, age, the horizon {@code t}, {@code α} and {@code β}) is in the unit of the
 * summaries used for fitting; see the package documentation.
 *
 * <p>Create one with {@link #fit} (maximum likelihood, with standard errors and diagnostics) or with {@link #of}
 * (known parameters, for predictions only).
 */
public final class ParetoNbdModel extends FittedModel<ParetoNbdParameters, ParetoNbdStandardErrors>
    implements PurchaseModel {



  private ParetoNbdModel(
      ParetoNbdParameters parameters,
      @Nullable ParetoNbdStandardErrors standardErrors,
      @Nullable Double logLikelihood,
      @Nullable FitDiagnostics diagnostics,
      @Nullable ParameterCovariance covariance) {
    super(parameters, standardErrors, logLikelihood, diagnostics, covariance);
  }

  /**
   * A model with known parameters and no fit information.
   *
   * @param parameters the parameters
   * @return the model
   * @throws NullPointerException if {@code parameters} is null
   */
  public static ParetoNbdModel of(ParetoNbdParameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    return new ParetoNbdModel(parameters, null, null, null, null);
  }

  /**
   * Fits the model by maximum likelihood (the sum over customers of {@code ln L} above). Identical
   * {@code (x, t_x, T)} summaries are merged first. The search runs BFGS over {@code (ln r, ln α, ln s, ln β)} with
   * the exact gradient of the log-likelihood (the hypergeometric series' derivatives are summed with its value);
   * standard errors come from the Hessian at the optimum, by central differences of that gradient (Cholesky
   * inversion), and the delta method.
   *
   * <p>The result never holds NaN or infinite values. Points where the likelihood cannot be evaluated within the
   * series budget (one of α, β roughly 1e4 or more times the other) count as "too far" for the line search. If the
   * iteration budget runs out or the search stalls, the best point is returned with {@code diagnostics().converged() ==
   * false}; if the Hessian is not positive definite, {@link #standardErrors()} is empty.
   *
   * @param summaries the customers, all in one time unit; at least one must have {@code frequency > 0}
   * @param options search options
   * @return the fitted model
   * @throws NullPointerException if an argument is null
   * @throws InvalidInputException {@code "summaries"} if empty or without any repeat purchase,
   *     {@code "summaries[i]"} if an element is null, {@code "start"} if the
   *     likelihood is not finite at the starting point
   */
  public static ParetoNbdModel fit(List<RfmSummary> summaries, ParetoNbdOptions options) {
    Objects.requireNonNull(options, "options");
    ParetoNbdParameters start = options.start();
    RfmMaximumLikelihood.Estimate e = RfmMaximumLikelihood.fit(
        summaries,
        new double[] {start.r(), start.alpha(), start.s(), start.beta()},
        start,
        options.maxIterations(),
        options.gradientTolerance(),
        "otherwise r runs to 0 and the purchase rate cannot be estimated",
        ParetoNbdFormulas::logLikelihood,
        ParetoNbdObjective::new);
    double[] p = e.parameters();
    double[] se = e.standardErrors();
    ParetoNbdStandardErrors errors = se == null ? null : new ParetoNbdStandardErrors(se[0], se[1], se[2], se[3]);
    return new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]), errors, e.logLikelihood(),
        e.diagnostics(), e.covariance(List.of("r", "alpha", "s", "beta")));
  }

  /**
   * Log-likelihood contribution of a summary under this model's parameters, times the summary's weight.
   *
   * @param summary the customer(s)
   * @return {@code weight · ln L(r, α, s, β | x, t_x, T)}
   * @throws NullPointerException if {@code summary} is null
   * @throws InvalidInputException {@code "parameters"} if the hypergeometric series
   *     cannot be evaluated within its work budget (α and β differ by a factor of roughly 1e4 or more)
   */
  public double logLikelihoodOf(RfmSummary summary) {
    requireSummary(summary);
    ParetoNbdParameters p = parameters();
    return summary.weight() * evaluate(() -> ParetoNbdFormulas.logLikelihood(
        p.r(), p.alpha(), p.s(), p.beta(), summary.frequency(), summary.recency(), summary.age()));
  }

  /**
   * Sum of {@link #logLikelihoodOf(RfmSummary)} over the summaries.
   *
   * @param summaries the customers
   * @return the total log-likelihood
   */
  public double logLikelihoodOf(List<RfmSummary> summaries) {
    return sum(summaries, this::logLikelihoodOf);
  }

  /**
   * Probability that a customer with this history is still active at the end of calibration:
   * {@code 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)}. Computed in log space, so a very frequent buyer
   * who stopped long ago gets 0, not NaN.
   *
   * @param summary the customer's calibration summary (weight ignored)
   * @return a probability in {@code [0, 1]}
   * @throws InvalidInputException as {@link #logLikelihoodOf(RfmSummary)}
   */
  public double probabilityAlive(RfmSummary summary) {
    requireSummary(summary);
    ParetoNbdParameters p = parameters();
    return evaluate(() -> ParetoNbdFormulas.probabilityAlive(
        p.r(), p.alpha(), p.s(), p.beta(), summary.frequency(), summary.recency(), summary.age()));
  }

  /**
   * Expected number of purchases in the {@code t} time units after the end of calibration for a customer with
   * the given history: {@code E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] ·
   * P(alive | x, t_x, T)}, with the limit {@code (r+x)/(α+T) · (β+T) ln((β+T+t)/(β+T)) · P(alive)} at
   * {@code s = 1}.
   *
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @param summary the customer's calibration summary (weight ignored)
   * @return the expectation, 0 or more
   * @throws InvalidInputException {@code "t"} if negative or not finite; otherwise as
   *     {@link #logLikelihoodOf(RfmSummary)}
   */
  public double conditionalExpectedPurchases(double t, RfmSummary summary) {
    checkHorizon(t);
    requireSummary(summary);
    ParetoNbdParameters p = parameters();
    return evaluate(() -> ParetoNbdFormulas.conditionalExpectedPurchases(
        p.r(), p.alpha(), p.s(), p.beta(), summary.frequency(), summary.recency(), summary.age(), t));
  }

  /**
   * Expected number of repeat purchases of a randomly chosen customer in the {@code t} time units after their
   * first purchase: {@code E[X(t)] = r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)]}, and
   * {@code (r β/α) ln((β+t)/β)} at {@code s = 1}.
   *
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @return the expectation, 0 or more
   * @throws InvalidInputException {@code "t"} if negative or not finite
   */
  public double expectedPurchases(double t) {
    checkHorizon(t);
    ParetoNbdParameters p = parameters();
    return evaluate(() -> ParetoNbdFormulas.expectedPurchases(p.r(), p.alpha(), p.s(), p.beta(), t));
  }


  private static void requireSummary(@Nullable RfmSummary summary) {
    Objects.requireNonNull(summary, "summary");
  }

  private double evaluate(DoubleSupplier computation) {
    double value;
    try {
      value = computation.getAsDouble();
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.argument(
          "parameters",
          "the Pareto/NBD likelihood cannot be evaluated at " + parameters() + " (" + e.getMessage() + ")");
    }
    if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
      // Not reachable with validated inputs; fail loudly rather than hand back NaN.
      throw new IllegalStateException("Pareto/NBD computation was not finite: " + value);
    }
    return value;
  }

  @Override
  public PurchaseModelKind kind() {
    return PurchaseModelKind.PARETO_NBD;
  }

  @Override
  public double expectedPurchasesIfAlive(double t, RfmSummary summary) {
    checkHorizon(t);
    requireSummary(summary);
    ParetoNbdParameters p = parameters();
    return evaluate(() -> ParetoNbdFormulas.expectedPurchasesIfAlive(
        p.r(), p.alpha(), p.s(), p.beta(), summary.frequency(), summary.age(), t));
  }

  @Override
  public double[] logParameters() {
    ParetoNbdParameters p = parameters();
    return new double[] {Math.log(p.r()), Math.log(p.alpha()), Math.log(p.s()), Math.log(p.beta())};
  }

  @Override
  public ParetoNbdModel withLogParameters(double[] logParameters) {
    checkFourLogParameters(logParameters);
    return of(new ParetoNbdParameters(Math.exp(logParameters[0]), Math.exp(logParameters[1]),
        Math.exp(logParameters[2]), Math.exp(logParameters[3])));
  }
}
