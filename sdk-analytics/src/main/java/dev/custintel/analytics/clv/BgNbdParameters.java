package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;

/**
 * Parameters of the BG/NBD model (Fader, Hardie &amp; Lee 2005). While active, a customer buys as a Poisson
 * process with rate {@code λ ~ Gamma(shape r, rate α)}; after each repeat purchase they become inactive for good
 * with probability {@code p ~ Beta(a, b)}.
 *
 * <p>{@code α} carries the time unit of the data the model was fitted on ({@code r/α} is the mean purchase rate
 * per unit); {@code r}, {@code a} and {@code b} are unitless. Not to be confused with
 * {@code dev.custintel.core.generate.BgNbdParameters}, the data generator's parameters, which are fixed in days.
 *
 * @param r shape of the purchase-rate distribution, finite and greater than 0
 * @param alpha rate (scale⁻¹) of the purchase-rate distribution, in the model's time unit, finite and &gt; 0
 * @param a first shape of the dropout-probability distribution, finite and greater than 0
 * @param b second shape of the dropout-probability distribution, finite and greater than 0
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {

  /**
   * Validates that every parameter is finite and greater than 0.
   *
   * @throws InvalidInputException naming the offending parameter
   */
  public BgNbdParameters {
    positive(r, "r");
    positive(alpha, "alpha");
    positive(a, "a");
    positive(b, "b");
  }

  private static void positive(double v, String name) {
    if (!(v > 0.0) || Double.isInfinite(v)) {
      throw InvalidInputException.argument(name, "must be a finite number greater than 0 (was " + v + ")");
    }
  }
}
