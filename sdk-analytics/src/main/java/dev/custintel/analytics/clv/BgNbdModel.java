package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.BgNbdFormulas;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.BgNbdParameters;
import java.util.List;
import java.util.Objects;

/**
 * The BG/NBD ("beta-geometric / negative binomial distribution") model of Fader, Hardie &amp; Lee (2005),
 * "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2),
 * 275–284. Immutable and thread-safe.
 *
 * <p>Assumptions: while active, a customer's purchases follow a Poisson process with rate λ; λ varies across
 * customers as {@code Gamma(r, α)}; after every repeat purchase the customer drops out for good with probability
 * p; p varies across customers as {@code Beta(a, b)}; λ and p are independent. A customer cannot drop out before
 * the first repeat purchase, so {@code P(alive) = 1} whenever {@code x = 0}.
 *
 * <p>Units: every time (the summaries' recency and age, the horizon {@code t}, and {@code α}) is in the unit of
 * the summaries used for fitting; see the package documentation.
 *
 * <p>Create one with {@link #fit} (maximum likelihood, with standard errors and diagnostics) or with {@link #of}
 * (known parameters, for predictions only).
 */
public final class BgNbdModel extends BgNbdFamilyModel implements PurchaseModel {

  private BgNbdModel(BgNbdParameters parameters) {
    super(parameters);
  }

  private BgNbdModel(RfmMaximumLikelihood.Estimate fit) {
    super(fit);
  }

  /**
   * A model with known parameters and no fit information ({@link #standardErrors()}, {@link #logLikelihood()}
   * and {@link #diagnostics()} are empty).
   *
   * @param parameters the parameters
   * @return the model
   */
  public static BgNbdModel of(BgNbdParameters parameters) {
    return new BgNbdModel(parameters);
  }

  /**
   * Fits the model by maximum likelihood (eq. 6 of the paper summed over customers). Identical
   * {@code (x, t_x, T)} summaries are merged first, so the cost grows with the number of distinct summaries,
   * not customers. The search runs BFGS over {@code (ln r, ln α, ln a, ln b)}, which keeps every parameter
   * positive; standard errors come from the central-difference Hessian at the optimum, inverted with a Cholesky
   * factorisation, and the delta method. The likelihood and its gradient are summed over the distinct summaries
   * in fixed chunks (in parallel) added in chunk order, so the same input gives bit-identical estimates on every
   * run. With 65,536 distinct summaries or more the search first runs over every k-th of them (16,384 to
   * 20,480 of them) and the search over all of them starts at that optimum: the same stopping rule, far fewer
   * passes over the data.
   *
   * <p>The result never holds NaN or infinite values. If the iteration budget runs out or the search stalls
   * before the gradient tolerance is met, the best point found is returned with
   * {@code diagnostics().converged() == false}. If the Hessian at that point is not positive definite (a flat or
   * non-identified likelihood), {@link #standardErrors()} is empty.
   *
   * @param summaries the customers, all in one time unit; at least one must have {@code frequency > 0}
   * @param options search options
   * @return the fitted model
   * @throws InvalidInputException {@code "summaries"} if the list is empty or no customer made a repeat
   *     purchase (then {@code a} and {@code b} cannot be estimated and {@code r} runs to 0), or
   *     {@code "summaries[i]"} if an element is null
   */
  public static BgNbdModel fit(List<RfmSummary> summaries, BgNbdOptions options) {
    return new BgNbdModel(estimate(summaries, options,
        "without repeat purchases the dropout parameters a and b cannot be estimated",
        BgNbdFormulas::logLikelihood, false));
  }

  /**
   * Log-likelihood contribution of a summary under this model's parameters, eq. (6) of the paper, times the
   * summary's weight. It is the log of a density in the purchase times, so it can be positive.
   *
   * @param summary the customer(s)
   * @return {@code weight · ln L(r, α, a, b | x, t_x, T)}
   */
  public double logLikelihoodOf(RfmSummary summary) {
    return summary.weight() * at(BgNbdFormulas::logLikelihood, summary);
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
   * Expected number of repeat purchases of a randomly chosen customer in the {@code t} time units after their
   * first purchase, eq. (9) of the paper:
   * {@code E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))]}. The expression is also valid
   * for {@code a < 1} (the usual case in practice).
   *
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @return {@code E[X(t)]}, 0 or more
   * @throws InvalidInputException {@code "t"} if it is negative or not finite, or so long relative to {@code α}
   *     that the series does not converge; {@code "parameters"} if {@code a + b ≤ 1}, where this closed form
   *     does not apply
   */
  public double expectedPurchases(double t) {
    checkHorizon(t);
    requireABAboveOne(0);
    return finite(BgNbdFormulas::expectedPurchases, t);
  }

  /**
   * Expected number of purchases in the next {@code t} time units after the end of calibration for a customer
   * with the given history, eq. (10) of the paper:
   * {@code E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} · 2F1(r+x, b+x; a+b+x−1;
   * t/(α+T+t))] · P(alive | x, t_x, T)}. Evaluated so that very large {@code x} neither overflows nor
   * produces NaN. The summary's weight is ignored (this is a per-customer quantity).
   *
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @param summary the customer's calibration summary
   * @return the expectation, 0 or more
   * @throws InvalidInputException {@code "t"} as {@link #expectedPurchases}; {@code "parameters"} if
   *     {@code x = 0} and {@code a + b ≤ 1}
   */
  public double conditionalExpectedPurchases(double t, RfmSummary summary) {
    checkHorizon(t);
    requireABAboveOne(summary.frequency());
    return finite(BgNbdFormulas::conditionalExpectedPurchases, summary, t);
  }

  /**
   * Probability that a customer with this history is still active at the end of calibration:
   * {@code 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x})}. Exactly 1 when {@code x = 0} (a BG/NBD
   * customer cannot drop out before the first repeat purchase). Computed in log space, so a very frequent buyer
   * who stopped long ago gets 0, not NaN.
   *
   * @param summary the customer's calibration summary (weight ignored)
   * @return a probability in {@code [0, 1]}
   */
  public double probabilityAlive(RfmSummary summary) {
    return at(BgNbdFormulas::probabilityAlive, summary);
  }

  /**
   * Probability that a randomly chosen customer makes exactly {@code n} repeat purchases in the {@code t} time
   * units after the first purchase, eq. (8) of the paper:
   * {@code P(X(t)=n) = B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
   * + δ_{n>0} · B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j]}.
   *
   * @param n number of purchases, 0 or more
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @return a probability in {@code [0, 1]}
   * @throws InvalidInputException {@code "n"} if negative; {@code "t"} if negative or not finite
   */
  public double probabilityOfPurchases(int n, double t) {
    checkCount(n);
    checkHorizon(t);
    return finite(BgNbdFormulas::probabilityOfPurchases, n, t);
  }

  // The hypergeometric function in eqs. (9) and (10) has third argument a+b+x−1, which must be positive for
  // the series (and the closed form) to hold.
  private void requireABAboveOne(int x) {
    if (!(parameters().a() + parameters().b() + x > 1.0)) {
      throw InvalidInputException.argument(
          "parameters", "a + b must be greater than 1 for the expected number of purchases (was "
              + (parameters().a() + parameters().b()) + ")");
    }
  }

  @Override
  public PurchaseModelKind kind() {
    return PurchaseModelKind.BG_NBD;
  }

  @Override
  String name() {
    return "BG/NBD";
  }

  @Override
  boolean modified() {
    return false;
  }

  @Override
  void requireExpectationDefined(int x) {
    requireABAboveOne(x);
  }

  @Override
  public double expectedPurchasesIfAlive(double t, RfmSummary summary) {
    checkHorizon(t);
    Objects.requireNonNull(summary, "summary");
    requireABAboveOne(summary.frequency());
    return finite(BgNbdFormulas::expectedPurchasesIfAlive, summary, t);
  }

  @Override
  public BgNbdModel withLogParameters(double[] logParameters) {
    return of(fromLogParameters(logParameters));
  }
}
