package dev.custintel.core.generate;

/**
 * Parameters of the Gamma-Gamma model of spend per order (Colombo and Jiang 1999; Fader, Hardie and Lee 2005,
 * "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4),
 * 415–430), in units of the shop's currency.
 *
 * <p>Each order has a target value {@code z ~ Gamma(p, ν)} (shape p, rate ν: mean {@code p / ν}); each customer's
 * {@code ν ~ Gamma(q, γ)} (shape q, rate γ). A customer's mean order value {@code p / ν} therefore varies across
 * customers with mean {@code p γ / (q - 1)} (when q is greater than 1), while each customer's orders vary around
 * it with coefficient of variation {@code 1 / √p}.
 *
 * @param p shape of the order-value distribution, greater than 0
 * @param q shape of the customer-level rate distribution, greater than 0
 * @param gamma rate of the customer-level rate distribution, in currency units, greater than 0
 */
public record SpendParameters(double p, double q, double gamma) {

  /** Validates that every parameter is a finite number greater than 0. */
  public SpendParameters {
    BgNbdParameters.positive(p, "p");
    BgNbdParameters.positive(q, "q");
    BgNbdParameters.positive(gamma, "gamma");
  }

  /**
   * The estimates Fader, Hardie and Lee (2005) report for CDNOW: {@code p = 6.25, q = 3.74, γ = 15.44}, a mean
   * target order value of {@code p γ / (q - 1) ≈ 35.2}.
   *
   * @return the default parameters
   */
  public static SpendParameters defaults() {
    return new SpendParameters(6.25, 3.74, 15.44);
  }

  /**
   * @return the mean target order value over customers, {@code p γ / (q - 1)}; infinite when q is 1 or less
   */
  public double meanOrderValue() {
    return q > 1.0 ? p * gamma / (q - 1.0) : Double.POSITIVE_INFINITY;
  }
}
