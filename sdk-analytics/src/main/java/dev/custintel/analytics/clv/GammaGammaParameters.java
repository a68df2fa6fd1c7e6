package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;

/**
 * Parameters of the Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value
 * Curves", JMR 42(4); Fader &amp; Hardie 2013, "The Gamma-Gamma Model of Monetary Value"). A customer's
 * individual transaction values are {@code Z_i ~ Gamma(shape p, rate ν)}, so the customer's mean transaction value
 * is {@code ζ = p/ν}; across customers {@code ν ~ Gamma(shape q, rate γ)}.
 *
 * <p>{@code γ} carries the currency unit of the spend data the model was fitted on (the population mean
 * transaction value is {@code p γ / (q − 1)} when {@code q > 1}); {@code p} and {@code q} are unitless.
 *
 * @param p shape of the per-transaction spend distribution, finite and greater than 0
 * @param q shape of the distribution of the spend rate {@code ν} across customers, finite and greater than 0
 * @param gamma {@code γ} (called {@code v} in lifetimes): rate of that distribution, in the model's currency
 *     unit, finite and greater than 0
 */
public record GammaGammaParameters(double p, double q, double gamma) {

  /**
   * Validates that every parameter is finite and greater than 0.
   *
   * @throws InvalidInputException naming the offending parameter
   */
  public GammaGammaParameters {
    positive(p, "p");
    positive(q, "q");
    positive(gamma, "gamma");
  }

  private static void positive(double v, String name) {
    if (!(v > 0.0) || Double.isInfinite(v)) {
      throw InvalidInputException.argument(name, "must be a finite number greater than 0 (was " + v + ")");
    }
  }
}
