package dev.custintel.analytics.clv;

/**
 * One customer's predicted value over a horizon, from a {@link CustomerValueModel}. Amounts are in the currency of
 * the spend model, times in its {@link dev.custintel.analytics.clv.summary.PeriodUnit}. Never NaN or infinite.
 *
 * @param customerId the customer
 * @param frequency {@code x}, repeat purchases in the calibration period
 * @param recency {@code t_x}
 * @param age {@code T}
 * @param monetaryValue mean amount of the repeat purchases (0 when {@code x = 0})
 * @param probabilityAlive P(alive) at the calibration end; churn risk is {@code 1 − probabilityAlive}
 * @param expectedPurchases expected purchases over the horizon (undiscounted)
 * @param expectedSpend expected amount per future purchase (Gamma-Gamma; 0 for a customer whose repeat purchases
 *     average 0 or less, whom the spend model cannot describe)
 * @param value the discounted value over the horizon: expected spend × discounted expected purchases
 * @param valueLow lower end of the interval from parameter uncertainty (see {@link CustomerValueModel})
 * @param valueHigh upper end of that interval
 * @param valueIfAlive the discounted value the customer would bring if still active
 * @param valueAtRisk {@code (1 − P(alive)) × valueIfAlive}: what is lost if the customer has in fact left
 */
public record CustomerValue(
    String customerId,
    int frequency,
    double recency,
    double age,
    double monetaryValue,
    double probabilityAlive,
    double expectedPurchases,
    double expectedSpend,
    double value,
    double valueLow,
    double valueHigh,
    double valueIfAlive,
    double valueAtRisk) {

  /** @return {@code 1 − probabilityAlive} */
  public double churnRisk() {
    return 1.0 - probabilityAlive;
  }
}
