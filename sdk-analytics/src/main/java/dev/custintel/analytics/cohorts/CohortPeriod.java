package dev.custintel.analytics.cohorts;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** The calendar period that groups customers into cohorts and, unless rolling periods are asked for, counts k. */
public enum CohortPeriod {
  /** ISO weeks, Monday to Sunday; labelled like {@code 1997-W02} (the ISO week-based year). */
  WEEK,
  /** Calendar months; labelled like {@code 1997-01}. */
  MONTH,
  /** Calendar quarters; labelled like {@code 1997-Q1}. */
  QUARTER;

  /**
   * @param day a day
   * @return the label of the period that holds it: {@code 1997-W02}, {@code 1997-01} or {@code 1997-Q1}
   */
  public String label(LocalDate day) {
    return switch (this) {
      case WEEK -> String.format(Locale.ROOT, "%d-W%02d",
          day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> String.format(Locale.ROOT, "%d-%02d", day.getYear(), day.getMonthValue());
      case QUARTER -> String.format(Locale.ROOT, "%d-Q%d", day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    };
  }

  /** @return the name in lower case, as the CLI and JSON write it ({@code month}) */
  public String lowerCase() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param text {@code week}, {@code month} or {@code quarter}, in any case
   * @return the period
   * @throws dev.custintel.core.InvalidInputException naming {@code period} otherwise
   */
  public static CohortPeriod parse(String text) {
    for (CohortPeriod p : values()) {
      if (p.name().equalsIgnoreCase(text.strip())) {
        return p;
      }
    }
    throw dev.custintel.core.InvalidInputException.argument("period",
        "must be week, month or quarter (was '" + text + "')");
  }
}
