package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;

/**
 * Parameters of the Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987). While active, a customer buys as
 * a Poisson process with rate {@code λ ~ Gamma(shape r, rate α)}; their unobserved lifetime is exponential with
 * rate {@code μ ~ Gamma(shape s, rate β)}; λ and μ are independent.
 *
 * <p>{@code α} and {@code β} carry the time unit of the data the model was fitted on ({@code r/α} is the mean
 * purchase rate and {@code s/β} the mean dropout rate per unit); {@code r} and {@code s} are unitless.
 *
 * @param r shape of the purchase-rate distribution, finite and greater than 0
 * @param alpha rate (scale⁻¹) of the purchase-rate distribution, in the model's time unit, finite and &gt; 0
 * @param s shape of the dropout-rate distribution, finite and greater than 0
 * @param beta rate (scale⁻¹) of the dropout-rate distribution, in the model's time unit, finite and &gt; 0
 */
public record ParetoNbdParameters(double r, double alpha, double s, double beta) {

  /**
   * Validates that every parameter is finite and greater than 0.
   *
   * @throws InvalidInputException naming the offending parameter ({@code r}, {@code alpha}, {@code s} or
   *     {@code beta})
   */
  public ParetoNbdParameters {
    positive(r, "r");
    positive(alpha, "alpha");
    positive(s, "s");
    positive(beta, "beta");
  }

  private static void positive(double v, String name) {
    if (!(v > 0.0) || Double.isInfinite(v)) {
      throw InvalidInputException.argument(name, "must be a finite number greater than 0 (was " + v + ")");
    }
  }
}
