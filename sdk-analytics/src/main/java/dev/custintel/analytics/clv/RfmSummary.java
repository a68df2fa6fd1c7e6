package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.core.InvalidInputException;

/**
 * One customer's (or, with {@code weight > 1}, several identical customers') repeat-purchase summary over a
 * calibration period, the input of the BG/NBD model. All times are in one unit chosen by the caller (see the
 * package documentation) and are measured from the customer's first purchase.
 *
 * @param frequency {@code x}: number of repeat purchases (purchases after the first), 0 or more
 * @param recency {@code t_x}: time from the first purchase to the last repeat purchase; 0 when {@code x = 0};
 *     otherwise {@code 0 ≤ t_x ≤ T}
 * @param age {@code T}: time from the first purchase to the end of the calibration period, finite and at least
 *     {@code recency}
 * @param weight number of customers with exactly this summary, 1 or more (compressed data)
 */
public record RfmSummary(int frequency, double recency, double age, int weight) {

  /**
   * Validates the summary.
   *
   * @throws InvalidInputException naming {@code frequency}, {@code recency}, {@code age} or {@code weight}
   */
  public RfmSummary {
    if (frequency < 0) {
      throw InvalidInputException.argument("frequency", "must be 0 or more (was " + frequency + ")");
    }
    if (!(recency >= 0.0) || Double.isInfinite(recency)) {
      throw InvalidInputException.argument("recency", "must be a finite number, 0 or more (was " + recency + ")");
    }
    if (!(age >= 0.0) || Double.isInfinite(age)) {
      throw InvalidInputException.argument("age", "must be a finite number, 0 or more (was " + age + ")");
    }
    if (recency > age) {
      throw InvalidInputException.argument(
          "recency", "must not exceed age (was " + recency + " with age " + age + ")");
    }
    if (frequency == 0 && recency != 0.0) {
      throw InvalidInputException.argument(
          "recency", "must be 0 when frequency is 0 (was " + recency + ")");
    }
    if (weight < 1) {
      throw InvalidInputException.argument("weight", "must be 1 or more (was " + weight + ")");
    }
  }

  /**
   * A single customer's summary (weight 1).
   *
   * @param frequency {@code x}, repeat purchases
   * @param recency {@code t_x}
   * @param age {@code T}
   * @return the summary
   */
  public static RfmSummary of(int frequency, double recency, double age) {
    return new RfmSummary(frequency, recency, age, 1);
  }

  /**
   * @param customer a customer's calibration summary
   * @return its frequency, recency and age, weight 1
   */
  public static RfmSummary of(CustomerRfm customer) {
    return new RfmSummary(customer.frequency(), customer.recency(), customer.age(), 1);
  }
}
