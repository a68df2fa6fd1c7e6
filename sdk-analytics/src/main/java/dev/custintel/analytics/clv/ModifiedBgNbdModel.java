package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.ModifiedBgNbdFormulas;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.BgNbdParameters;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The modified BG/NBD (MBG/NBD) model of Batislam, Denizel &amp; Filiztekin (2007), "Empirical validation and
 * comparison of models for customer base analysis", International Journal of Research in Marketing 24(3),
 * 201–209. Immutable and thread-safe.
 *
 * <p>Assumptions: as the BG/NBD ({@link BgNbdModel}) — while active, purchases follow a Poisson process with
 * rate {@code λ ~ Gamma(r, α)}; the customer drops out for good with probability {@code p ~ Beta(a, b)}
 * (independent of λ) — except that the dropout coin is also tossed right after the first (trial) purchase at
 * time 0. So a customer with {@code x} repeat purchases has had {@code x + 1} chances to drop out, and a
 * one-time buyer ({@code x = 0}) is no longer certainly alive:
 * <pre>
 *   P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}),
 *   P(alive | x = 0, T)  = 1 / (1 + (a/b) · (1 + T/α)^r)       (strictly below 1, decreasing in T).
 * </pre>
 * The parameters are the same four as the BG/NBD's and reuse {@link BgNbdParameters},
 * {@link BgNbdStandardErrors}, {@link BgNbdOptions} and {@link FitDiagnostics}; their values are not
 * interchangeable between the two models.
 *
 * <p>Units: every time (the summaries' recency and age, the horizon {@code t}, and {@code α}) is in the unit of
 * the summaries used for fitting; see the package documentation.
 *
 * <p>Create one with {@link #fit} (maximum likelihood, with standard errors and diagnostics) or with {@link #of}
 * (known parameters, for predictions only).
 */
public final class ModifiedBgNbdModel extends BgNbdFamilyModel implements PurchaseModel {

  private ModifiedBgNbdModel(BgNbdParameters parameters) {
    super(parameters);
  }

  private ModifiedBgNbdModel(RfmMaximumLikelihood.Estimate fit) {
    super(fit);
  }

  /**
   * A model with known parameters and no fit information.
   *
   * @param parameters the parameters {@code (r, α, a, b)} of the MBG/NBD
   * @return the model
   * @throws NullPointerException if {@code parameters} is null
   */
  public static ModifiedBgNbdModel of(BgNbdParameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    return new ModifiedBgNbdModel(parameters);
  }

  /**
   * Fits the model by maximum likelihood. The likelihood of one customer is
   * {@code L = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^{r+x}) · [1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}]},
   * evaluated in log space (a soft-plus for the bracket) so that large {@code x} cannot overflow. Identical
   * {@code (x, t_x, T)} summaries are merged first. The search runs BFGS over {@code (ln r, ln α, ln a, ln b)};
   * standard errors come from the central-difference Hessian at the optimum (Cholesky inverse) and the delta
   * method, {@code se(θ) = θ · se(ln θ)}. The likelihood and its gradient are summed over the distinct summaries in
   * fixed chunks (in parallel) added in chunk order, so the same input gives bit-identical estimates on every run.
   * With 65,536 distinct summaries or more the search first runs over every k-th of them (16,384 to 20,480 of
   * them) and the search over all of them starts at that optimum: the same stopping rule, far fewer passes over the
   * data.
   *
   * <p>The result never holds NaN or infinite values. If the iteration budget runs out or the search stalls, the
   * best point found is returned with {@code diagnostics().converged() == false}; if the Hessian there is not
   * positive definite, {@link #standardErrors()} is empty.
   *
   * @param summaries the customers, all in one time unit; at least one must have {@code frequency > 0}
   * @param options search options (the same as the BG/NBD's)
   * @return the fitted model
   * @throws NullPointerException if {@code summaries} or {@code options} is null
   * @throws InvalidInputException {@code "summaries"} if the list is empty or nobody made a repeat
   *     purchase (then the likelihood is maximised by "everybody dropped out at time 0" and the parameters are
   *     not identified), {@code "summaries[i]"} if an element is null, or
   *     {@code "start"} if the log-likelihood is not finite at the starting point
   */
  public static ModifiedBgNbdModel fit(List<RfmSummary> summaries, BgNbdOptions options) {
    Objects.requireNonNull(options, "options");
    return new ModifiedBgNbdModel(estimate(summaries, options,
        "without repeat purchases the parameters cannot be estimated",
        ModifiedBgNbdFormulas::logLikelihood, true));
  }

  /**
   * Log-likelihood contribution of a summary under this model's parameters (see {@link #fit}), times the
   * summary's weight. It is the log of a density in the purchase times, so it can be positive. For a one-time
   * buyer it is {@code ln[b/(a+b) · (α/(α+T))^r + a/(a+b)]}.
   *
   * @param summary the customer(s)
   * @return {@code weight · ln L(r, α, a, b | x, t_x, T)}
   * @throws NullPointerException if {@code summary} is null
   */
  public double logLikelihoodOf(RfmSummary summary) {
    requireSummary(summary);
    return summary.weight() * at(ModifiedBgNbdFormulas::logLikelihood, summary);
  }

  /**
   * Sum of {@link #logLikelihoodOf(RfmSummary)} over the summaries.
   *
   * @param summaries the customers
   * @return the total log-likelihood
   * @throws NullPointerException if {@code summaries} is null
   * @throws InvalidInputException {@code "summaries[i]"} if an element is null
   */
  public double logLikelihoodOf(List<RfmSummary> summaries) {
    Objects.requireNonNull(summaries, "summaries");
    double sum = 0.0;
    for (int i = 0; i < summaries.size(); i++) {
      @Nullable RfmSummary s = summaries.get(i);
      if (s == null) {
        throw InvalidInputException.argument("summaries[" + i + "]", "must not be null");
      }
      sum += logLikelihoodOf(s);
    }
    return sum;
  }

  /**
   * Expected number of repeat purchases of a randomly chosen customer in the {@code t} time units after their
   * first purchase: {@code E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))]}. It is the mixture
   * over {@code λ ~ Gamma(r, α)}, {@code p ~ Beta(a, b)} of {@code (1−p)(1 − e^{−λpt})/p}; valid for every
   * {@code a > 0} (also {@code a < 1}, the usual case, by analytic continuation).
   *
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @return {@code E[X(t)]}, 0 or more
   * @throws InvalidInputException {@code "t"} if it is negative or not finite, or so long relative to {@code α}
   *     that the hypergeometric series does not converge
   */
  public double expectedPurchases(double t) {
    checkHorizon(t);
    return finite(ModifiedBgNbdFormulas::expectedPurchases, t);
  }

  /**
   * Expected number of purchases in the next {@code t} time units after the end of calibration for a customer
   * with the given history:
   * {@code E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} · 2F1(r+x, b+x+1; a+b+x;
   * t/(α+T+t))] · P(alive | x, t_x, T)}. Evaluated so that very large {@code x} neither overflows nor produces
   * NaN. The summary's weight is ignored (this is a per-customer quantity).
   *
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @param summary the customer's calibration summary
   * @return the expectation, 0 or more
   * @throws NullPointerException if {@code summary} is null
   * @throws InvalidInputException {@code "t"} as {@link #expectedPurchases}
   */
  public double conditionalExpectedPurchases(double t, RfmSummary summary) {
    checkHorizon(t);
    requireSummary(summary);
    return finite(ModifiedBgNbdFormulas::conditionalExpectedPurchases, summary, t);
  }

  /**
   * Probability that a customer with this history is still active at the end of calibration:
   * {@code 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x})}. For a one-time buyer ({@code x = 0}, {@code t_x = 0}) this
   * is {@code 1 / (1 + (a/b) · (1 + T/α)^r)}, equivalently
   * {@code [b/(a+b) (α/(α+T))^r] / [b/(a+b) (α/(α+T))^r + a/(a+b)]} (alive-and-silent over
   * alive-and-silent plus dropped-at-the-trial-purchase): below 1, equal to {@code b/(a+b)} at {@code T = 0},
   * and decreasing in {@code T}. Computed in log space, so a very frequent buyer who stopped long ago gets 0,
   * not NaN.
   *
   * @param summary the customer's calibration summary (weight ignored)
   * @return a probability in {@code [0, 1]}
   * @throws NullPointerException if {@code summary} is null
   */
  public double probabilityAlive(RfmSummary summary) {
    requireSummary(summary);
    return at(ModifiedBgNbdFormulas::probabilityAlive, summary);
  }

  /**
   * Probability that a randomly chosen customer makes exactly {@code n} repeat purchases in the {@code t} time
   * units after the first purchase: {@code B(a, b+n+1)/B(a, b) · NB(n) + B(a+1, b+n)/B(a, b) · P(NB ≥ n)}, with
   * {@code NB(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j} (survive every purchase and buy exactly n times, or
   * drop out right after the n-th purchase having bought at least n times). For {@code n = 0} it includes the
   * customers who left at the first purchase.
   *
   * @param n number of purchases, 0 or more
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @return a probability in {@code [0, 1]}
   * @throws InvalidInputException {@code "n"} if negative; {@code "t"} if negative or not finite
   */
  public double probabilityOfPurchases(int n, double t) {
    checkCount(n);
    checkHorizon(t);
    return finite(ModifiedBgNbdFormulas::probabilityOfPurchases, n, t);
  }

  private static void requireSummary(@Nullable RfmSummary summary) {
    Objects.requireNonNull(summary, "summary");
  }

  @Override
  public PurchaseModelKind kind() {
    return PurchaseModelKind.MODIFIED_BG_NBD;
  }

  @Override
  String name() {
    return "MBG/NBD";
  }

  @Override
  boolean modified() {
    return true;
  }

  @Override
  public double expectedPurchasesIfAlive(double t, RfmSummary summary) {
    checkHorizon(t);
    requireSummary(summary);
    return finite(ModifiedBgNbdFormulas::expectedPurchasesIfAlive, summary, t);
  }

  @Override
  public ModifiedBgNbdModel withLogParameters(double[] logParameters) {
    return of(fromLogParameters(logParameters));
  }
}
