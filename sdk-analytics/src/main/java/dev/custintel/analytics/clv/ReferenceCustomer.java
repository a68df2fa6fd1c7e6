package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.Decimals;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.core.InvalidInputException;
import java.util.Arrays;
import java.util.Collection;

/**
 * The customer a value is compared with when explaining it: by default the median customer, whose every
 * characteristic is the median of the population's. Times are in the model's unit.
 *
 * @param frequency repeat purchases, 0 or more
 * @param timeSinceLastPurchase from the last purchase (the first, for a customer without repeat purchases) to the
 *     calibration end, 0 or more
 * @param age from the first purchase to the calibration end, at least {@code timeSinceLastPurchase}
 * @param meanSpend mean repeat purchase amount; the median over customers with repeat purchases (0 when there are
 *     none)
 */
public record ReferenceCustomer(int frequency, double timeSinceLastPurchase, double age, double meanSpend) {

  /** Validates the fields, naming the one at fault. */
  public ReferenceCustomer {
    if (frequency < 0) {
      throw InvalidInputException.argument("frequency", "must be 0 or more (was " + frequency + ")");
    }
    if (!(timeSinceLastPurchase >= 0.0) || !(age >= timeSinceLastPurchase) || Double.isInfinite(age)) {
      throw InvalidInputException.argument(
          "timeSinceLastPurchase", "must be 0 or more and at most age (was " + timeSinceLastPurchase
              + " with age " + age + ")");
    }
    if (!(meanSpend >= 0.0) || Double.isInfinite(meanSpend)) {
      throw InvalidInputException.argument("meanSpend", "must be a finite number, 0 or more (was " + meanSpend + ")");
    }
  }

  /**
   * The median customer of a population: the median frequency (the lower middle value for an even count), the
   * median time since the last purchase, the median age and the median mean spend of the customers with repeat
   * purchases. Medians are taken separately, so the reference need not be a real customer.
   *
   * @param customers the population
   * @return the reference
   * @throws InvalidInputException {@code "customers"} if empty
   */
  public static ReferenceCustomer median(Collection<CustomerRfm> customers) {
    if (customers.isEmpty()) {
      throw InvalidInputException.argument("customers", "must not be empty");
    }
    int n = customers.size();
    double[] frequency = new double[n];
    double[] since = new double[n];
    double[] age = new double[n];
    double[] spend = new double[n];
    int i = 0;
    int repeaters = 0;
    for (CustomerRfm c : customers) {
      frequency[i] = c.frequency();
      since[i] = c.age() - c.recency();
      age[i] = c.age();
      if (c.frequency() > 0) {
        spend[repeaters++] = Decimals.toDouble(c.monetaryValue());
      }
      i++;
    }
    // Every customer's time since the last purchase is at most their age, so the same holds for the medians.
    double medianSpend = repeaters == 0 ? 0.0 : Math.max(0.0, median(spend, repeaters));
    return new ReferenceCustomer((int) lowerMedian(frequency, n), median(since, n), median(age, n), medianSpend);
  }

  private static double median(double[] values, int n) {
    double[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  }

  private static double lowerMedian(double[] values, int n) {
    double[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    return v[(n - 1) / 2];
  }
}
