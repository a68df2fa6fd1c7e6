package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.BgNbdParameters;

/**
 * Options for {@link BgNbdModel#fit}.
 *
 * @param maxIterations most minimiser (BFGS) iterations, 1 or more
 * @param gradientTolerance convergence threshold on the gradient norm of the mean negative log-likelihood per
 *     customer with respect to the log-parameters; finite and greater than 0. Finite-difference noise in that
 *     gradient is around 1e-10, so tolerances much below that may never be reached
 * @param start starting point of the search
 */
public record BgNbdOptions(int maxIterations, double gradientTolerance, BgNbdParameters start) {

  /**
   * Validates the options.
   *
   * @throws InvalidInputException naming {@code maxIterations} or {@code gradientTolerance}
   */
  public BgNbdOptions {
    SearchLimits.check(maxIterations, gradientTolerance);
  }

  /**
   * The defaults: 500 iterations, gradient tolerance 1e-7, start at {@code r = α = a = b = 1} (the log-parameters
   * at 0, the neutral point of the search space, as the papers and lifetimes do).
   *
   * @return the default options
   */
  public static BgNbdOptions defaults() {
    return new BgNbdOptions(500, 1e-7, new BgNbdParameters(1.0, 1.0, 1.0, 1.0));
  }
}
