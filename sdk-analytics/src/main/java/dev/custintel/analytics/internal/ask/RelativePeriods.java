package dev.custintel.analytics.internal.ask;

import dev.custintel.core.customer.DateRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Periods as people name them in questions, resolved against "now" in UTC: "today", "yesterday", "this week",
 * "last month", "this quarter", "last year", "in the past 2 weeks", "over the last 30 days", "since March",
 * "since 2026-03-01", "in March", "in March 2025", "in 2025", "in Q3", "year to date", "between 2026-01-01 and
 * 2026-02-15". Calendar periods are whole (this month runs to its end; orders cannot be in the future); rolling
 * ones end now. Weeks start on Monday (ISO). A month or quarter named without a year is its latest start not after
 * now. Pure and thread-safe. Not API.
 */
public final class RelativePeriods {
  private static final String UNIT = "(day|week|month|quarter|year)s?";
  private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october"
      + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
  private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";

  private static final Pattern ROLLING = Pattern.compile(
      "\\b(?:in |over |during |within )?(?:the )?(?:past|last|previous|recent) (\\d+) " + UNIT + "\\b");
  private static final Pattern PAST_ONE = Pattern.compile(
      "\\b(?:in |over |during |within )?(?:the )?past " + UNIT + "\\b");
  private static final Pattern CALENDAR = Pattern.compile("\\b(this|current|last|previous) " + UNIT + "\\b");
  private static final Pattern SINGLE_DAY = Pattern.compile("\\b(today|yesterday)\\b");
  private static final Pattern TO_DATE = Pattern.compile("\\b(year|month|quarter|week) to date\\b|\\b(ytd|mtd|qtd)\\b");
  private static final Pattern SINCE_MONTH = Pattern.compile("\\bsince " + MONTH + "(?: (\\d{4}))?\\b");
  private static final Pattern SINCE_DATE = Pattern.compile("\\b(?:since|after) " + DATE + "\\b");
  private static final Pattern SINCE_YEAR = Pattern.compile("\\bsince (\\d{4})\\b");
  private static final Pattern BETWEEN = Pattern.compile("\\b(?:between|from) " + DATE + " (?:and|to|until) "
      + DATE + "\\b");
  private static final Pattern IN_MONTH = Pattern.compile("\\b(?:in|during|for) " + MONTH + "(?: (\\d{4}))?\\b");
  private static final Pattern IN_QUARTER = Pattern.compile("\\b(?:in |during |for )?q([1-4])(?: (\\d{4}))?\\b");
  private static final Pattern IN_YEAR = Pattern.compile(
      "\\b(?:in|during|for|of) (?:the )?(\\d{4})\\b|\\b(\\d{4})(?= cohorts?\\b)");

  private RelativePeriods() {}

  /**
   * A period found in a question.
   *
   * @param range the period, half-open, UTC
   * @param words the period in words, for the answer ("the last 2 weeks", "March 2026")
   * @param start where its words start in the text
   * @param end where they end
   */
  public record Found(DateRange range, String words, int start, int end) {}

  /**
   * @param text the question, lower case, numbers as digits ({@link NumberWords#digits})
   * @param now the moment relative periods are resolved against
   * @return the first period the text names, if any
   */
  public static Optional<Found> find(String text, Instant now) {
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    Matcher m = BETWEEN.matcher(text);
    if (m.find()) {
      LocalDate from = date(m.group(1));
      LocalDate to = date(m.group(2));
      if (from != null && to != null && !to.isBefore(from)) {
        return found(DateRange.ofDays(from, to), from + " to " + to, m);
      }
    }
    m = ROLLING.matcher(text);
    if (m.find()) {
      int n = Integer.parseInt(m.group(1));
      if (n >= 1 && n <= 10_000) {
        ChronoUnit unit = unit(m.group(2));
        Instant from = unit == ChronoUnit.DAYS || unit == ChronoUnit.WEEKS
            ? now.minus(n * (unit == ChronoUnit.WEEKS ? 7L : 1L), ChronoUnit.DAYS)
            : now.atOffset(ZoneOffset.UTC).minus(n * (m.group(2).equals("quarter") ? 3L : 1L),
                m.group(2).equals("quarter") ? ChronoUnit.MONTHS : unit).toInstant();
        return found(new DateRange(from, now), "the last " + n + " " + m.group(2) + (n == 1 ? "" : "s"), m);
      }
    }
    m = PAST_ONE.matcher(text);
    if (m.find()) {
      String kind = m.group(1);
      Instant from = kind.equals("day") || kind.equals("week") ? now.minus(kind.equals("week") ? 7 : 1,
          ChronoUnit.DAYS) : now.atOffset(ZoneOffset.UTC).minusMonths(kind.equals("month") ? 1
          : kind.equals("quarter") ? 3 : 12).toInstant();
      return found(new DateRange(from, now), "the past " + kind, m);
    }
    m = TO_DATE.matcher(text);
    if (m.find()) {
      String kind = m.group(1) != null ? m.group(1) : switch (m.group(2)) {
        case "ytd" -> "year";
        case "qtd" -> "quarter";
        default -> "month";
      };
      LocalDate start = start(kind, today);
      return found(new DateRange(day(start), now.isAfter(day(start)) ? now : day(start).plusSeconds(1)),
          kind + " to date", m);
    }
    m = CALENDAR.matcher(text);
    if (m.find()) {
      String kind = m.group(2);
      boolean previous = !m.group(1).equals("this") && !m.group(1).equals("current");
      LocalDate start = start(kind, today);
      if (previous) {
        start = minusOne(kind, start);
      }
      return found(new DateRange(day(start), day(plusOne(kind, start))), (previous ? "last " : "this ") + kind,
          m);
    }
    m = SINGLE_DAY.matcher(text);
    if (m.find()) {
      LocalDate d = m.group(1).equals("today") ? today : today.minusDays(1);
      return found(DateRange.ofDays(d, d), m.group(1) + " (" + d + ")", m);
    }
    m = SINCE_DATE.matcher(text);
    if (m.find()) {
      LocalDate d = date(m.group(1));
      if (d != null && !day(d).isAfter(now)) {
        return found(new DateRange(day(d), later(day(d), now)), "since " + d, m);
      }
    }
    m = SINCE_MONTH.matcher(text);
    if (m.find()) {
      YearMonth ym = month(m.group(1), m.group(2), today);
      return found(new DateRange(day(ym.atDay(1)), later(day(ym.atDay(1)), now)), "since " + words(ym), m);
    }
    m = SINCE_YEAR.matcher(text);
    if (m.find()) {
      int year = Integer.parseInt(m.group(1));
      if (year >= 1900 && year <= today.getYear()) {
        LocalDate d = LocalDate.of(year, 1, 1);
        return found(new DateRange(day(d), later(day(d), now)), "since " + year, m);
      }
    }
    m = IN_MONTH.matcher(text);
    if (m.find()) {
      YearMonth ym = month(m.group(1), m.group(2), today);
      return found(DateRange.month(ym), words(ym), m);
    }
    m = IN_QUARTER.matcher(text);
    if (m.find()) {
      int q = Integer.parseInt(m.group(1));
      int year = m.group(2) != null ? Integer.parseInt(m.group(2)) : today.getYear();
      LocalDate start = LocalDate.of(year, 3 * q - 2, 1);
      if (m.group(2) == null && start.isAfter(today)) {
        start = start.minusYears(1);
      }
      return found(new DateRange(day(start), day(start.plusMonths(3))), "Q" + q + " " + start.getYear(), m);
    }
    m = IN_YEAR.matcher(text);
    if (m.find()) {
      int year = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      if (year >= 1900 && year <= 9999) {
        return found(DateRange.ofDays(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)),
            Integer.toString(year), m);
      }
    }
    return Optional.empty();
  }

  private static Optional<Found> found(DateRange range, String words, Matcher m) {
    return Optional.of(new Found(range, words, m.start(), m.end()));
  }

  private static ChronoUnit unit(String word) {
    return switch (word) {
      case "day" -> ChronoUnit.DAYS;
      case "week" -> ChronoUnit.WEEKS;
      case "month", "quarter" -> ChronoUnit.MONTHS;
      default -> ChronoUnit.YEARS;
    };
  }

  /** The first day of the calendar period of {@code kind} that holds {@code day}. */
  private static LocalDate start(String kind, LocalDate day) {
    return switch (kind) {
      case "day" -> day;
      case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month" -> day.withDayOfMonth(1);
      case "quarter" -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
      default -> LocalDate.of(day.getYear(), 1, 1);
    };
  }

  private static LocalDate plusOne(String kind, LocalDate start) {
    return switch (kind) {
      case "day" -> start.plusDays(1);
      case "week" -> start.plusWeeks(1);
      case "month" -> start.plusMonths(1);
      case "quarter" -> start.plusMonths(3);
      default -> start.plusYears(1);
    };
  }

  private static LocalDate minusOne(String kind, LocalDate start) {
    return switch (kind) {
      case "day" -> start.minusDays(1);
      case "week" -> start.minusWeeks(1);
      case "month" -> start.minusMonths(1);
      case "quarter" -> start.minusMonths(3);
      default -> start.minusYears(1);
    };
  }

  /** A month named without a year is its latest occurrence that has started by today. */
  private static YearMonth month(String name, @Nullable String year, LocalDate today) {
    Month month = monthOf(name);
    if (year != null) {
      return YearMonth.of(Integer.parseInt(year), month);
    }
    YearMonth ym = YearMonth.of(today.getYear(), month);
    return ym.atDay(1).isAfter(today) ? ym.minusYears(1) : ym;
  }

  private static Month monthOf(String name) {
    for (Month m : Month.values()) {
      if (m.name().toLowerCase(Locale.ROOT).startsWith(name.substring(0, 3))) {
        return m;
      }
    }
    throw new IllegalArgumentException("not a month: " + name);
  }

  private static String words(YearMonth ym) {
    String name = ym.getMonth().name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " " + ym.getYear();
  }

  private static @Nullable LocalDate date(String iso) {
    try {
      return LocalDate.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant day(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** {@code now}, or just after {@code from} when now is not after it (a range is never empty). */
  private static Instant later(Instant from, Instant now) {
    return now.isAfter(from) ? now : from.plusSeconds(1);
  }
}
