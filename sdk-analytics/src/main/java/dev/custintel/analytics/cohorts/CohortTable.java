package dev.custintel.analytics.cohorts;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Cohort retention: rows are cohorts (oldest first), columns are k. Later cohorts have fewer periods, as the data
 * ends sooner after them.
 *
 * @param period the period of the cohorts
 * @param zone the zone of the calendar
 * @param currency the currency of every amount; null when the shop has no purchase (then there are no cohorts)
 * @param rollingDays the length of a period k in days when periods roll from each first purchase; null for
 *     calendar periods
 * @param cohorts the cohorts, oldest first
 * @param insights findings computed from the table
 */
public record CohortTable(
    CohortPeriod period,
    ZoneId zone,
    @Nullable Currency currency,
    @Nullable Integer rollingDays,
    List<Cohort> cohorts,
    List<CohortInsight> insights) {

  /** Copies the lists. */
  public CohortTable {
    cohorts = List.copyOf(cohorts);
    insights = List.copyOf(insights);
  }

  /** @return the most periods any cohort has (the oldest cohort's) */
  public int columns() {
    int max = 0;
    for (Cohort c : cohorts) {
      max = Math.max(max, c.periods().size());
    }
    return max;
  }

  /**
   * A heatmap's matrix.
   *
   * @param onOrAfter whether the cells hold "on or after" retention rather than "on" retention
   * @return rows = cohorts, columns = k; {@code NaN} beyond a cohort's last period
   */
  public double[][] retentionMatrix(boolean onOrAfter) {
    int columns = columns();
    double[][] m = new double[cohorts.size()][columns];
    for (int r = 0; r < cohorts.size(); r++) {
      List<CohortCell> cells = cohorts.get(r).periods();
      for (int k = 0; k < columns; k++) {
        m[r][k] = k < cells.size()
            ? (onOrAfter ? cells.get(k).retentionOnOrAfter() : cells.get(k).retention())
            : Double.NaN;
      }
    }
    return m;
  }

  /**
   * @return CSV with a header and one row per (cohort, k): {@code cohort,customers,index,active,activeOnOrAfter,
   *     retention,retentionOnOrAfter,orders,revenue,cumulativeRevenuePerCustomer,currency}; lines end with
   *     {@code \n}
   */
  public String toCsv() {
    StringBuilder out = new StringBuilder(
        "cohort,customers,index,active,activeOnOrAfter,retention,retentionOnOrAfter,orders,revenue,"
            + "cumulativeRevenuePerCustomer,currency\n");
    for (Cohort c : cohorts) {
      for (CohortCell cell : c.periods()) {
        out.append(c.label()).append(',').append(c.customers()).append(',').append(cell.index()).append(',')
            .append(cell.active()).append(',').append(cell.activeOnOrAfter()).append(',')
            .append(fraction(cell.retention())).append(',').append(fraction(cell.retentionOnOrAfter())).append(',')
            .append(cell.orders()).append(',').append(cell.revenue().amount().toPlainString()).append(',')
            .append(cell.cumulativeRevenuePerCustomer().amount().toPlainString()).append(',')
            .append(cell.revenue().currency().getCurrencyCode()).append('\n');
      }
    }
    return out.toString();
  }

  private static String fraction(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
