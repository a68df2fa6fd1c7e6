package dev.custintel.core.customer;

import dev.custintel.core.model.Money;
import dev.custintel.core.model.Probabilities;
import java.time.LocalDate;

/**
 * What the customer-value model predicts for one customer: how likely they are to still be buying, how much they
 * are expected to buy, and what they are worth over the coming months. The numbers come from the active customer
 * value ({@code clv}) model run, which looked at the purchases up to {@link #scoredAsOf()}. They change when a newer
 * run is activated, and when the customer's orders change: ingestion then scores the customer again with the active
 * run's fitted models (no refit), as of their last purchase day when that is after the run's.
 *
 * <p>Money is in the run's currency, rounded half-even to the currency's usual number of decimals (two for euros,
 * none for yen). Probabilities are rounded half-even to four decimals ({@link Probabilities#rounded}); the model
 * keeps full precision inside.
 *
 * @param runId the model run the scores come from
 * @param scoredAsOf the last day of purchase history the model saw for this customer: the run's as-of day, or the
 *     customer's last purchase day when they were re-scored after a later purchase; the predictions start the day
 *     after
 * @param probabilityAlive the probability, from 0 to 1, that the customer is still an active buyer (has not quietly
 *     stopped buying), judged from how often and how recently they bought
 * @param expectedPurchases how many purchases the customer is expected to make over the next {@code horizonMonths}
 *     months
 * @param lifetimeValue what the customer is expected to spend over the next {@code horizonMonths} months,
 *     discounted to today's money (a euro next year counts a little less than a euro now)
 * @param lifetimeValueLow the low end of the range the lifetime value lies in at {@code intervalLevel} confidence;
 *     the range reflects how precisely the model's parameters are known, not the customer's own ups and downs
 * @param lifetimeValueHigh the high end of that range
 * @param horizonMonths how many months ahead the expected purchases and the lifetime value look (months of 365.25 / 12
 *     days)
 * @param intervalLevel the confidence of the lifetime value range, from 0 to 1: 0.9 means the range is expected to
 *     hold the true value 9 times in 10
 */
public record CustomerScores(
    long runId,
    LocalDate scoredAsOf,
    double probabilityAlive,
    double expectedPurchases,
    Money lifetimeValue,
    Money lifetimeValueLow,
    Money lifetimeValueHigh,
    double horizonMonths,
    double intervalLevel) {

  /**
   * The churn risk: the probability, from 0 to 1, that the customer has stopped buying for good, according to the
   * purchase model. It is {@code 1 - probabilityAlive()}, rounded to four decimals as that is. A high value for a customer who used to buy often is the
   * signal to reach out.
   *
   * @return the probability that the customer has churned
   */
  public double churnRisk() {
    return Probabilities.rounded(1.0 - probabilityAlive);
  }
}
