package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.CohortPeriod;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.store.DatabaseKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of period keys, the same numbers on H2 and PostgreSQL and in Java. A period key is an integer that grows
 * by one from a period to the next: months since year 0 ({@code year·12 + month − 1}), quarters likewise
 * ({@code year·4 + (month − 1) / 3}), and ISO weeks since the week of 1970-01-01 ({@code ⌊(epochDay + 3) / 7⌋},
 * weeks starting on Monday). Timestamps are read in the request's zone first. Not API.
 */
final class CohortSql {
  /** Zone ids are spliced into SQL as literals: only these characters are let through. */
  private static final Pattern SAFE_ZONE = Pattern.compile("[A-Za-z0-9/_+:\\-]{1,64}");

  /** Beyond this many periods between the data's first and last order, keys are computed from local dates. */
  static final int MAX_BUCKETS = 20_000;
  private static final DateTimeFormatter UTC_LITERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'+00'");

  private final DatabaseKind kind;
  private final ZoneId zoneId;
  /** The zone as an SQL expression for {@code AT TIME ZONE}. */
  private final String zone;
  /** PostgreSQL: the periods' start instants, which {@link #key} looks instants up in; else null. */
  private final @Nullable PeriodStarts starts;

  /**
   * The start instants of consecutive periods, {@code key(period, first) − 1} up to {@code key(period, last) + 2}
   * (the end of the last one), as a PostgreSQL array literal of UTC instants.
   */
  private record PeriodStarts(CohortPeriod period, long firstKey, String array) {}

  CohortSql(DatabaseKind kind, ZoneId zone) {
    this(kind, zone, null);
  }

  private CohortSql(DatabaseKind kind, ZoneId zone, @Nullable PeriodStarts starts) {
    this.kind = kind;
    this.zoneId = zone;
    this.starts = starts;
    ZoneId normalized = zone.normalized();
    String id = normalized instanceof ZoneOffset offset
        ? (offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId())
        : zone.getId();
    if (!SAFE_ZONE.matcher(id).matches()) {
      throw InvalidInputException.argument("zone", "is not a zone id the database can use (was '" + id + "')");
    }
    // PostgreSQL reads a text offset such as '+01:00' the POSIX way, west of Greenwich; an interval keeps the ISO
    // sign. H2 reads offsets as Java does. Region ids (Europe/Paris, Etc/GMT+5) mean the same to all three.
    this.zone = normalized instanceof ZoneOffset && kind == DatabaseKind.POSTGRESQL
        ? "INTERVAL '" + id + "'"
        : "'" + id + "'";
  }

  /**
   * On PostgreSQL, the same SQL whose {@link #key} of the period finds each instant among the periods' start instants
   * ({@code width_bucket}, a binary search in an array constant) instead of reading the instant's local date with
   * {@code AT TIME ZONE} and {@code date_part}: on the benchmark shop's million orders that conversion was about
   * half of the cohort statement's time. The two agree on every instant except in the hour that a zone repeats when
   * its clocks go back across midnight into a new period, which the start instants put in the new period (the
   * earliest instant its first day begins) where local dates put it in the old one. Elsewhere, and when the orders
   * span more than {@link #MAX_BUCKETS} periods or reach past the years 1–9999, returns this.
   *
   * @param first the earliest order's instant
   * @param last the latest order's instant
   */
  CohortSql withPeriodStarts(CohortPeriod period, Instant first, Instant last) {
    if (kind != DatabaseKind.POSTGRESQL || last.isBefore(first)) {
      return this;
    }
    long firstKey = key(period, first.atZone(zoneId).toLocalDate()) - 1;
    long lastKey = key(period, last.atZone(zoneId).toLocalDate()) + 1;
    if (lastKey - firstKey + 1 > MAX_BUCKETS) {
      return this;
    }
    StringBuilder array = new StringBuilder("'{");
    for (long key = firstKey; key <= lastKey + 1; key++) {
      LocalDate day = start(period, key);
      if (day.getYear() < 1 || day.getYear() > 9999) {
        return this;
      }
      if (key > firstKey) {
        array.append(',');
      }
      array.append(UTC_LITERAL.format(day.atStartOfDay(zoneId).withZoneSameInstant(ZoneOffset.UTC)));
    }
    array.append("}'::timestamptz[]");
    return new CohortSql(kind, zoneId, new PeriodStarts(period, firstKey, array.toString()));
  }

  /** @return SQL for the timestamp column read as a local date-time in the zone */
  private String local(String column) {
    return "(" + column + " AT TIME ZONE " + zone + ")";
  }

  /**
   * @return SQL for the number of days from 1970-01-01 to the column's local date. On H2 a {@code TIMESTAMP WITH
   *     TIME ZONE} cast to {@code DATE} (or to {@code TIMESTAMP}) is first moved to the session's zone, the JVM's,
   *     which put orders near midnight in the wrong week whenever the zone asked for was another one; {@code
   *     DATEDIFF} in days counts between the two values' own local dates.
   */
  private String epochDay(String column) {
    return kind == DatabaseKind.POSTGRESQL
        ? "(CAST(" + local(column) + " AS DATE) - DATE '1970-01-01')"
        : "DATEDIFF(DAY, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', " + local(column) + ")";
  }

  /**
   * @return SQL for the period key (a BIGINT) of the timestamp column. PostgreSQL's {@code EXTRACT} returns
   *     {@code numeric} since version 14, whose arithmetic on a million rows cost about half a second more than
   *     {@code date_part}'s double precision (exact for these small integers); H2 has only {@code EXTRACT}, an
   *     integer.
   */
  String key(CohortPeriod period, String column) {
    if (starts != null && starts.period() == period) {
      // bucket i (1-based) holds the instants from the i-th start to the next: key firstKey + i - 1. Instants
      // before the first start give 0 and after the last n, one key beyond each end: none are, by construction.
      return "CAST(width_bucket(" + column + ", " + starts.array() + ") + " + (starts.firstKey() - 1) + " AS BIGINT)";
    }
    String l = local(column);
    String year = field("YEAR", l);
    String month = field("MONTH", l);
    String expression = switch (period) {
      case MONTH -> year + " * 12 + " + month + " - 1";
      case QUARTER -> year + " * 4 + FLOOR((" + month + " - 1) / 3)";
      // floor((d + 3) / 7) in integers: d + 3 less its remainder modulo 7 (taken non-negative) divides exactly.
      // FLOOR(x / 7.0) divided numerics, about 0.1 s more per million orders on PostgreSQL.
      case WEEK -> {
        String shifted = "(" + epochDay(column) + " + 3)";
        yield "(" + shifted + " - MOD(MOD(" + shifted + ", 7) + 7, 7)) / 7";
      }
    };
    return "CAST(" + expression + " AS BIGINT)";
  }

  private String field(String name, String local) {
    return kind == DatabaseKind.POSTGRESQL
        ? "date_part('" + name.toLowerCase(java.util.Locale.ROOT) + "', " + local + ")"
        : "EXTRACT(" + name + " FROM " + local + ")";
  }

  /** @return SQL for whole blocks of {@code days} days from {@code from} to {@code to} (timestamp columns) */
  String rollingIndex(String from, String to, int days) {
    String seconds = kind == DatabaseKind.POSTGRESQL
        ? "EXTRACT(EPOCH FROM (" + to + " - " + from + "))"
        : "DATEDIFF(SECOND, " + from + ", " + to + ")";
    return "CAST(FLOOR(" + seconds + " / " + (86_400L * days) + ".0) AS BIGINT)";
  }

  /** The key of a local date, as {@link #key} computes it in SQL. */
  static long key(CohortPeriod period, LocalDate day) {
    return switch (period) {
      case MONTH -> day.getYear() * 12L + day.getMonthValue() - 1;
      case QUARTER -> day.getYear() * 4L + (day.getMonthValue() - 1) / 3;
      case WEEK -> Math.floorDiv(day.toEpochDay() + 3, 7);
    };
  }

  /** The first day of the period with that key. */
  static LocalDate start(CohortPeriod period, long key) {
    return switch (period) {
      case MONTH -> LocalDate.of((int) Math.floorDiv(key, 12), (int) Math.floorMod(key, 12) + 1, 1);
      case QUARTER -> LocalDate.of((int) Math.floorDiv(key, 4), (int) Math.floorMod(key, 4) * 3 + 1, 1);
      case WEEK -> LocalDate.ofEpochDay(key * 7 - 3);
    };
  }
}
