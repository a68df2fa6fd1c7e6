package dev.custintel.analytics.forecast;

import dev.custintel.core.InvalidInputException;
import java.time.LocalDate;
import java.util.Locale;

/** The length of one forecast period: seven days, or a calendar month counted from the forecast's first day. */
public enum ForecastPeriodUnit {
  /** Seven days; a season is 52 of them. */
  WEEK(52),
  /** A calendar month from the forecast's first day of month (the 1st to the 30th or 31st when it starts on the
   * 1st); a season is 12 of them. */
  MONTH(12);

  private final int season;

  ForecastPeriodUnit(int season) {
    this.season = season;
  }

  /** @return periods in a year: 52 or 12 */
  public int season() {
    return season;
  }

  /**
   * @param origin the first day of period 1
   * @param k a period offset: 0 for period 1, negative for history before {@code origin}
   * @return the first day of the period {@code k} periods after the one starting on {@code origin}
   */
  public LocalDate start(LocalDate origin, int k) {
    return this == WEEK ? origin.plusWeeks(k) : origin.plusMonths(k);
  }

  /** @return {@code week} or {@code month} */
  public String lowerCase() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param value {@code week} or {@code month} (any case, plural accepted)
   * @return the unit
   * @throws InvalidInputException {@code "period"} for anything else
   */
  public static ForecastPeriodUnit parse(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "week":
      case "weeks":
        return WEEK;
      case "month":
      case "months":
        return MONTH;
      default:
        throw InvalidInputException.argument("period", "must be week or month (was '" + value + "')");
    }
  }
}
