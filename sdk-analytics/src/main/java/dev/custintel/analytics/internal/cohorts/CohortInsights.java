package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.Cohort;
import dev.custintel.analytics.cohorts.CohortCell;
import dev.custintel.analytics.cohorts.CohortInsight;
import dev.custintel.analytics.cohorts.CohortPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Findings computed from a cohort table, each with its numbers. Not API.
 *
 * <ul>
 *   <li>Retention outlier: among cohorts of at least the minimum size that reach the insight period k, the one
 *       whose retention at k is furthest from their mean, in percentage points.
 *   <li>Value curve: over the same cohorts, the customer-weighted mean of cumulative revenue per customer at each
 *       k that all of them reach; the first k ≥ 1 after which a period adds less than 5% to the curve.
 *   <li>Small cohorts: those under the minimum size, named, and left out of the two findings above.
 * </ul>
 */
final class CohortInsights {
  /** A period that adds less than this fraction to the value curve counts as flat. */
  static final double FLAT_GROWTH = 0.05;

  private CohortInsights() {}

  static List<CohortInsight> of(
      List<Cohort> cohorts, CohortPeriod period, @Nullable Integer rollingDays, int minimumSize, int insightPeriod) {
    List<CohortInsight> out = new ArrayList<>();
    List<Cohort> judged = new ArrayList<>();
    List<String> small = new ArrayList<>();
    for (Cohort c : cohorts) {
      if (c.customers() >= minimumSize) {
        judged.add(c);
      } else {
        small.add(c.label());
      }
    }
    String unit = rollingDays == null ? period.lowerCase() : rollingDays + "-day period";
    retentionOutlier(judged, insightPeriod, unit, out);
    valueCurve(judged, unit, out);
    if (!small.isEmpty()) {
      out.add(new CohortInsight(CohortInsight.Kind.SMALL_COHORTS, String.format(Locale.ROOT,
          "%d of %d cohorts have fewer than %d customers and are too small to judge: %s.",
          small.size(), cohorts.size(), minimumSize, abbreviate(small)), null, "cohorts", small.size()));
    }
    return out;
  }

  private static void retentionOutlier(List<Cohort> judged, int k, String unit, List<CohortInsight> out) {
    List<Cohort> reaching = judged.stream().filter(c -> c.periods().size() > k).toList();
    if (reaching.size() < 2) {
      return;
    }
    double sum = 0;
    for (Cohort c : reaching) {
      sum += c.periods().get(k).retention();
    }
    double mean = sum / reaching.size();
    Cohort outlier = reaching.get(0);
    double furthest = -1;
    for (Cohort c : reaching) { // ties: the older cohort, as the list is oldest first
      double distance = Math.abs(c.periods().get(k).retention() - mean);
      if (distance > furthest) {
        furthest = distance;
        outlier = c;
      }
    }
    double value = outlier.periods().get(k).retention();
    double points = (value - mean) * 100;
    out.add(new CohortInsight(CohortInsight.Kind.RETENTION_OUTLIER, String.format(Locale.ROOT,
        "The %s cohort kept %.1f%% of its %d customers in %s %d, %.1f points %s the %.1f%% average of %d cohorts.",
        outlier.label(), value * 100, outlier.customers(), unit, k, Math.abs(points),
        points >= 0 ? "above" : "below", mean * 100, reaching.size()),
        outlier.label(), "retention[" + k + "]", value));
  }

  private static void valueCurve(List<Cohort> judged, String unit, List<CohortInsight> out) {
    if (judged.isEmpty()) {
      return;
    }
    int common = Integer.MAX_VALUE;
    long customers = 0;
    for (Cohort c : judged) {
      common = Math.min(common, c.periods().size());
      customers += c.customers();
    }
    if (common < 3) {
      return;
    }
    double[] curve = new double[common];
    for (int k = 0; k < common; k++) {
      BigDecimal total = BigDecimal.ZERO;
      for (Cohort c : judged) {
        CohortCell cell = c.periods().get(k);
        total = total.add(cell.cumulativeRevenuePerCustomer().amount().multiply(BigDecimal.valueOf(c.customers())));
      }
      curve[k] = total.divide(BigDecimal.valueOf(customers), 6, RoundingMode.HALF_EVEN).doubleValue();
    }
    for (int k = 1; k < common; k++) {
      double before = curve[k - 1];
      double growth = before <= 0 ? Double.POSITIVE_INFINITY : (curve[k] - before) / before;
      if (growth < FLAT_GROWTH) {
        out.add(new CohortInsight(CohortInsight.Kind.VALUE_CURVE_FLATTENS, String.format(Locale.ROOT,
            "Revenue per customer flattens after %s %d: %s %d adds %.1f%% (%.2f to %.2f), averaged over %d cohorts"
                + " and %d customers.",
            unit, k - 1, unit, k, growth * 100, before, curve[k], judged.size(), customers),
            null, "cumulativeRevenuePerCustomer[" + k + "]", curve[k]));
        return;
      }
    }
  }

  private static String abbreviate(List<String> labels) {
    if (labels.size() <= 6) {
      return String.join(", ", labels);
    }
    return String.join(", ", labels.subList(0, 6)) + " and " + (labels.size() - 6) + " more";
  }
}
