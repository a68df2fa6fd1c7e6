package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.CohortPeriod;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.store.DatabaseKind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The SQL of period keys, the same numbers on H2 and PostgreSQL and in Java. A period key is an integer that grows
 * by one from a period to the next: months since year 0 ({@code year·12 + month − 1}), quarters likewise
 * ({@code year·4 + (month − 1) / 3}), and ISO weeks since the week of 1970-01-01 ({@code ⌊(epochDay + 3) / 7⌋},
 * weeks starting on Monday). Timestamps are read in the request's zone first. Not API.
 */
final class CohortSql {
  /** Zone ids are spliced into SQL as literals: only these characters are let through. */
  private static final Pattern SAFE_ZONE = Pattern.compile("[A-Za-z0-9/_+:\\-]{1,64}");

  private final DatabaseKind kind;
  /** The zone as an SQL expression for {@code AT TIME ZONE}. */
  private final String zone;

  CohortSql(DatabaseKind kind, ZoneId zone) {
    this.kind = kind;
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
