package dev.custintel.core.generate;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.generate.Hypergeometric;

/**
 * Parameters of the BG/NBD repeat-purchase process (Fader, Hardie and Lee 2005, "Counting Your Customers the
 * Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275–284).
 *
 * <p>Each customer's purchase rate while active is {@code λ ~ Gamma(r, α)}, with density
 * {@code α^r λ^(r-1) e^(-αλ) / Γ(r)} (α is a rate: mean {@code r / α} purchases per time unit, variance
 * {@code r / α²}); after each repeat purchase the customer becomes inactive for good with probability
 * {@code p ~ Beta(a, b)} (mean {@code a / (a + b)}).
 *
 * <p>One type serves both sides of the same model: {@link ShopGenerator} simulates purchases from it, with time
 * in days, and the analytics module's BG/NBD and modified BG/NBD models are fitted to it, where {@code α} carries
 * the time unit of the data they were fitted on. {@code r}, {@code a} and {@code b} are unitless. It lives here
 * because analytics depends on core and not the other way round.
 *
 * @param r shape of the purchase-rate distribution, greater than 0; below 1 most customers buy rarely and a few
 *     buy very often
 * @param alpha rate parameter of the purchase-rate distribution, in the time unit of the data (days for the
 *     generator), greater than 0
 * @param a first shape of the dropout-probability distribution, greater than 0
 * @param b second shape of the dropout-probability distribution, greater than 0
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {

  /**
   * Validates that every parameter is a finite number greater than 0.
   *
   * @throws InvalidInputException naming the offending parameter
   */
  public BgNbdParameters {
    positive(r, "r");
    positive(alpha, "alpha");
    positive(a, "a");
    positive(b, "b");
  }

  /**
   * The defaults: {@code r = 0.7, α = 13 days, a = 1.5, b = 30}. The mean purchase rate while active is
   * {@code r / α ≈ 0.054} a day (one purchase every 18.6 days); the mean dropout probability is
   * {@code a / (a + b) ≈ 0.048}, and a customer never cut off by the end of the data makes on average
   * {@code (a + b - 1) / (a - 1) = 61} repeat purchases. Over 24 months of growing signups this gives about 10
   * orders per customer (see {@link ShopGenerator}).
   *
   * @return the default parameters
   */
  public static BgNbdParameters defaults() {
    return new BgNbdParameters(0.7, 13.0, 1.5, 30.0);
  }

  /**
   * The expected number of repeat purchases of a randomly chosen customer in the {@code days} after the first
   * purchase, equation (9) of the paper:
   * {@code E[X(t)] = (a + b - 1) / (a - 1) · [1 - (α / (α + t))^r · 2F1(r, b; a + b - 1; t / (α + t))]}.
   *
   * @param days the horizon t in the time unit of {@code α} (days for the generator), 0 or more (the series
   *     behind it takes about {@code 40 (α + t) / α} terms)
   * @return the expectation, 0 or more
   * @throws InvalidInputException if {@code days} is negative or not finite ("days"), or {@code a <= 1} ("a"),
   *     where the closed form does not hold
   */
  public double expectedRepeatPurchases(double days) {
    if (!(days >= 0.0) || Double.isInfinite(days)) {
      throw InvalidInputException.argument("days", "must be a finite number, 0 or more (was " + days + ")");
    }
    if (!(a > 1.0)) {
      throw InvalidInputException.argument(
          "a", "must be greater than 1 for the expected number of purchases (was " + a + ")");
    }
    double z = days / (alpha + days);
    double f = Hypergeometric.f21(r, b, a + b - 1.0, z);
    return (a + b - 1.0) / (a - 1.0) * (1.0 - StrictMath.pow(alpha / (alpha + days), r) * f);
  }

  static void positive(double value, String field) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw InvalidInputException.argument(field, "must be a finite number greater than 0 (was " + value + ")");
    }
  }
}
