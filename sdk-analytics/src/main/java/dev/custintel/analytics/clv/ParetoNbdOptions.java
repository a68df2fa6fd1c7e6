package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * Options for {@link ParetoNbdModel#fit}.
 *
 * @param maxIterations most minimiser (BFGS) iterations, 1 or more
 * @param gradientTolerance convergence threshold on the gradient norm of the mean negative log-likelihood per
 *     customer with respect to the log-parameters; finite and greater than 0. Finite-difference noise in that
 *     gradient is around 1e-10, so tolerances much below that may never be reached
 * @param start starting point of the search
 */
public record ParetoNbdOptions(int maxIterations, double gradientTolerance, ParetoNbdParameters start) {

  /**
   * Validates the options.
   *
   * @throws InvalidInputException naming {@code maxIterations}, {@code gradientTolerance} or {@code start}
   */
  public ParetoNbdOptions {
    SearchLimits.check(maxIterations, gradientTolerance);
    Objects.requireNonNull(start, "start");
  }

  /**
   * The defaults: 500 iterations, gradient tolerance 1e-7, start at {@code r = α = s = β = 1} (all
   * log-parameters at 0, as lifetimes does).
   *
   * @return the default options
   */
  public static ParetoNbdOptions defaults() {
    return new ParetoNbdOptions(500, 1e-7, new ParetoNbdParameters(1.0, 1.0, 1.0, 1.0));
  }
}
