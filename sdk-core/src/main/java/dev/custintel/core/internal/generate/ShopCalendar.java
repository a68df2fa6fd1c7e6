package dev.custintel.core.internal.generate;

import java.time.LocalDate;
import java.util.function.DoubleUnaryOperator;

/**
 * The generated window of days: signup months, per-day seasonality and the signup month of each customer.
 * Immutable. Not API.
 *
 * <p>Days are counted from the window's first day (day 0) to the end day ({@code days() - 1}), inclusive; the
 * purchase process runs in continuous time measured in days on the same axis.
 */
public final class ShopCalendar {
  private final long startEpochDay;
  private final int days;
  private final double[] season;
  private final double seasonMax;
  private final int[] monthStart;
  private final WeightedChoice signupMonths;

  /**
   * @param end last day of data (UTC)
   * @param months number of signup months before and including {@code end}'s month, at least 1
   * @param seasonal whether purchase and signup rates follow {@link Seasonality}
   * @param monthlyGrowth growth of signups from one month to the next, such as 0.03 for 3% a month
   */
  public ShopCalendar(LocalDate end, int months, boolean seasonal, double monthlyGrowth) {
    LocalDate dayAfterEnd = end.plusDays(1);
    LocalDate start = dayAfterEnd.minusMonths(months);
    this.startEpochDay = start.toEpochDay();
    this.days = (int) (dayAfterEnd.toEpochDay() - startEpochDay);
    this.season = new double[days];
    double max = 0.0;
    for (int d = 0; d < days; d++) {
      season[d] = seasonal ? Seasonality.multiplier(start.plusDays(d)) : 1.0;
      max = Math.max(max, season[d]);
    }
    this.seasonMax = max;
    // Month k starts at start.plusMonths(k), computed from start each time so that day-of-month clamping (31 Jan
    // + 1 month = 28 Feb) does not drift; the last month ends at the end day whatever the clamping did.
    this.monthStart = new int[months + 1];
    for (int k = 0; k < months; k++) {
      monthStart[k] = (int) (start.plusMonths(k).toEpochDay() - startEpochDay);
    }
    monthStart[months] = days;
    double[] weights = new double[months];
    for (int k = 0; k < months; k++) {
      double seasonSum = 0.0;
      for (int d = monthStart[k]; d < monthStart[k + 1]; d++) {
        seasonSum += season[d];
      }
      // Signups grow geometrically, are busier in busy seasons, and a 31-day month gets more than February.
      weights[k] = StrictMath.pow(1.0 + monthlyGrowth, k) * seasonSum;
    }
    this.signupMonths = new WeightedChoice(weights);
  }

  /** @return the number of days in the window, end day included */
  public int days() {
    return days;
  }

  /** @return the epoch day (days since 1970-01-01) of day 0 */
  public long startEpochDay() {
    return startEpochDay;
  }

  /** @return the number of signup months */
  public int months() {
    return monthStart.length - 1;
  }

  /**
   * @param day a day of the window, 0 to {@code days() - 1}
   * @return its purchase-rate multiplier
   */
  public double season(int day) {
    return season[day];
  }

  /** @return the largest multiplier of any day in the window (the thinning bound) */
  public double seasonMax() {
    return seasonMax;
  }

  /**
   * The signup month of customer {@code index} of {@code count}: customers are spread over the months by
   * stratified sampling of the month weights, so every month receives its share up to rounding (at least one
   * customer once the smallest month's share is one customer) and customer numbers grow with signup time, as in
   * a real shop.
   *
   * @param index the customer's 0-based index
   * @param count the number of customers
   * @return the month, 0 (oldest) to {@code months() - 1}
   */
  public int signupMonth(long index, long count) {
    return signupMonths.at((index + 0.5) / count);
  }

  /**
   * The mean, over the signup-day distribution, of a function of the operational time from signup to the end of
   * the window. Operational time weights each day by its seasonality ({@code S = ∫ s(u) du}), the clock in which
   * the seasonal purchase process is a plain Poisson process; the signup day counts half.
   *
   * @param ofOperationalDays the function, of days of operational time left after signing up
   * @return its expectation over customers
   */
  public double meanOverSignups(DoubleUnaryOperator ofOperationalDays) {
    // after[d]: operational days from the start of day d + 1 to the end of the window.
    double[] after = new double[days];
    for (int d = days - 2; d >= 0; d--) {
      after[d] = after[d + 1] + season[d + 1];
    }
    double mean = 0.0;
    for (int month = 0; month < months(); month++) {
      double monthProbability = signupMonths.probability(month);
      double seasonSum = 0.0;
      for (int d = monthStart[month]; d < monthStart[month + 1]; d++) {
        seasonSum += season[d];
      }
      for (int d = monthStart[month]; d < monthStart[month + 1]; d++) {
        double left = after[d] + 0.5 * season[d];
        mean += monthProbability * season[d] / seasonSum * ofOperationalDays.applyAsDouble(left);
      }
    }
    return mean;
  }

  /**
   * A signup day within a month, busier days more likely (rejection against the month's busiest day).
   *
   * @param month the month, from {@link #signupMonth}
   * @param sampler the customer's random stream
   * @return the day of the window
   */
  public int signupDay(int month, Sampler sampler) {
    int first = monthStart[month];
    int length = monthStart[month + 1] - first;
    while (true) {
      int day = first + sampler.nextInt(length);
      if (sampler.uniform() * seasonMax < season[day]) {
        return day;
      }
    }
  }
}
