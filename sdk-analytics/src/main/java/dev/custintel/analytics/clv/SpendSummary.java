package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.Decimals;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.core.InvalidInputException;

/**
 * One customer's repeat-spend summary over a calibration period, the input of the Gamma-Gamma spend model
 * ({@link GammaGammaModel}).
 *
 * <p>As in Fader, Hardie &amp; Lee (2005) and the CDNOW reference data, {@code meanSpend} should be the mean
 * monetary value of the customer's <em>repeat</em> transactions only (the first purchase excluded), in one
 * currency unit chosen by the caller. Customers with {@code frequency = 0}, or with {@code meanSpend ≤ 0} (for
 * example refunds only), are accepted here but carry no usable spend information and are left out of
 * {@link GammaGammaModel#fit}.
 *
 * @param frequency {@code x}: number of repeat transactions, 0 or more
 * @param meanSpend {@code z̄}: mean value of those repeat transactions, in the caller's currency unit; any finite
 *     number (ignored when {@code frequency = 0}, where it is conventionally 0)
 */
public record SpendSummary(int frequency, double meanSpend) {

  /**
   * Validates the summary.
   *
   * @throws InvalidInputException naming {@code frequency} or {@code meanSpend}
   */
  public SpendSummary {
    if (frequency < 0) {
      throw InvalidInputException.argument("frequency", "must be 0 or more (was " + frequency + ")");
    }
    if (!Double.isFinite(meanSpend)) {
      throw InvalidInputException.argument("meanSpend", "must be a finite number (was " + meanSpend + ")");
    }
  }

  /**
   * @return true when the customer enters the Gamma-Gamma fit: {@code frequency ≥ 1} and {@code meanSpend > 0}
   */
  public boolean isFittable() {
    return frequency > 0 && meanSpend > 0.0;
  }

  /**
   * @param customer a customer's calibration summary
   * @return its frequency and the mean amount of its repeat purchases
   */
  public static SpendSummary of(CustomerRfm customer) {
    return new SpendSummary(customer.frequency(), Decimals.toDouble(customer.monetaryValue()));
  }
}
