package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * Options for {@link GammaGammaModel#fit}.
 *
 * @param maxIterations most minimiser (BFGS) iterations, 1 or more. The Gamma-Gamma likelihood has a long,
 *     flat ridge (large {@code p}, {@code q}, {@code γ} trade off against each other), so on data the model fits
 *     poorly the search can wander; the budget bounds it and {@link FitDiagnostics#converged()} reports the outcome
 * @param gradientTolerance convergence threshold on the gradient norm of the mean negative log-likelihood per
 *     fitted customer with respect to the log-parameters; finite and greater than 0
 * @param start starting point of the search
 */
public record GammaGammaOptions(int maxIterations, double gradientTolerance, GammaGammaParameters start) {

  /**
   * Validates the options.
   *
   * @throws InvalidInputException naming {@code maxIterations}, {@code gradientTolerance} or {@code start}
   */
  public GammaGammaOptions {
    SearchLimits.check(maxIterations, gradientTolerance);
    Objects.requireNonNull(start, "start");
  }

  /**
   * The defaults: 1000 iterations, gradient tolerance 1e-7, start at {@code p = q = γ = 1} (the log-parameters
   * at 0, as lifetimes does).
   *
   * @return the default options
   */
  public static GammaGammaOptions defaults() {
    return new GammaGammaOptions(1000, 1e-7, new GammaGammaParameters(1.0, 1.0, 1.0));
  }
}
