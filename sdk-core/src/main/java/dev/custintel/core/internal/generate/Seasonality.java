package dev.custintel.core.internal.generate;

import java.time.LocalDate;

/**
 * How busy the shop is on a calendar day, relative to an average day of the year. Not API.
 *
 * <p>The raw profile is 1.0 on ordinary days, 1.6 from 20 November to 23 December (Black Friday, Christmas
 * gifts), 1.15 from 1 to 19 November and from 24 to 31 December (gift shopping before and after the peak), 0.95 in
 * January and February (post-holiday lull) and 0.8 in July and August (summer holidays). It is divided by its
 * mean over a 365-day year, so that a year has on average as many orders as without seasonality: the peak then
 * multiplies the purchase rate by about 1.56, summer by about 0.78.
 */
public final class Seasonality {
  private static final double RAW_MAX = 1.6;
  private static final double NORMALISER = meanOfRawOverYear();

  private Seasonality() {}

  /**
   * @param date a day
   * @return the purchase-rate multiplier of that day; its mean over a year is 1
   */
  public static double multiplier(LocalDate date) {
    return raw(date) / NORMALISER;
  }

  /** @return the largest value {@link #multiplier} takes, the bound used for thinning */
  public static double maxMultiplier() {
    return RAW_MAX / NORMALISER;
  }

  private static double raw(LocalDate date) {
    int day = date.getDayOfMonth();
    switch (date.getMonth()) {
      case JANUARY:
      case FEBRUARY:
        return 0.95;
      case JULY:
      case AUGUST:
        return 0.8;
      case NOVEMBER:
        return day >= 20 ? RAW_MAX : 1.15;
      case DECEMBER:
        return day <= 23 ? RAW_MAX : 1.15;
      default:
        return 1.0;
    }
  }

  private static double meanOfRawOverYear() {
    // 2001 is not a leap year; the profile has no 29 February rule, so any year gives the same mean up to 1/365.
    LocalDate day = LocalDate.of(2001, 1, 1);
    double sum = 0.0;
    for (int i = 0; i < 365; i++) {
      sum += raw(day.plusDays(i));
    }
    return sum / 365.0;
  }
}
