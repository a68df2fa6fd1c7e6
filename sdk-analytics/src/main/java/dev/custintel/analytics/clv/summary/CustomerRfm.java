package dev.custintel.analytics.clv.summary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;

/**
 * One customer's calibration-period recency, frequency and monetary value (see the package documentation for the
 * definitions), the input of the customer-base models.
 *
 * @param customerId the customer
 * @param frequency {@code x}: number of repeat purchase days in the calibration period; at least 0
 * @param recency {@code t_x}: from the first to the last purchase day, in the summary's {@link PeriodUnit}; 0 when
 *     {@code frequency} is 0
 * @param age {@code T}: from the first purchase day to the calibration end, in the summary's {@link PeriodUnit};
 *     at least {@code recency}
 * @param monetaryValue mean amount of the repeat purchase days (first purchase excluded); 0 when {@code frequency}
 *     is 0. Rounded to 16 significant digits ({@link java.math.MathContext#DECIMAL64})
 * @param firstPurchaseAmount amount of the first purchase day (same-day purchases summed)
 * @param firstPurchaseDay the first purchase day (UTC)
 */
public record CustomerRfm(
    String customerId,
    int frequency,
    double recency,
    double age,
    BigDecimal monetaryValue,
    BigDecimal firstPurchaseAmount,
    LocalDate firstPurchaseDay) {

  /**
   * The summary from a customer's calibration purchase days, however they were gathered (in memory or from the
   * database): the one place the definitions turn into numbers (see the package documentation).
   *
   * @param customerId the customer
   * @param firstDay the first purchase day
   * @param firstAmount the amount of the first purchase day
   * @param lastDay the last purchase day up to {@code calibrationEnd}
   * @param repeatDays purchase days after the first, 0 or more
   * @param repeatAmount their total amount
   * @param calibrationEnd the last day of the calibration period
   * @param unit the unit of recency and age
   * @return the summary
   */
  public static CustomerRfm fromPurchaseDays(
      String customerId,
      LocalDate firstDay,
      BigDecimal firstAmount,
      LocalDate lastDay,
      int repeatDays,
      BigDecimal repeatAmount,
      LocalDate calibrationEnd,
      PeriodUnit unit) {
    double recency = repeatDays == 0 ? 0.0 : unit.between(firstDay, lastDay);
    BigDecimal monetary =
        repeatDays == 0
            ? BigDecimal.ZERO
            : repeatAmount.divide(BigDecimal.valueOf(repeatDays), MathContext.DECIMAL64);
    return new CustomerRfm(
        customerId, repeatDays, recency, unit.between(firstDay, calibrationEnd), monetary, firstAmount, firstDay);
  }

  /** @return true when the customer made at least one repeat purchase in the calibration period */
  public boolean isRepeater() {
    return frequency > 0;
  }
}
