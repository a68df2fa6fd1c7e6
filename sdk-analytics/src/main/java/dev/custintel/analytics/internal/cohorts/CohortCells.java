package dev.custintel.analytics.internal.cohorts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a cohort statement returned, summed per cohort key and period index k, and the earliest first purchase of
 * each cohort (needed for rolling periods only). Statements may return several rows for one (cohort, k): they are
 * added. Not API.
 */
final class CohortCells {
  /** Sums of one (cohort, k): customers who bought, purchases, revenue, customers whose last purchase it is. */
  record Sums(long active, long orders, BigDecimal revenue, long ending) {
    static final Sums EMPTY = new Sums(0, 0, BigDecimal.ZERO, 0);

    Sums plus(Sums o) {
      return new Sums(active + o.active, orders + o.orders, revenue.add(o.revenue), ending + o.ending);
    }
  }

  private final Map<Long, Map<Integer, Sums>> cells = new TreeMap<>();
  private final Map<Long, Instant> earliest = new HashMap<>();

  void add(long cohort, int k, Sums sums) {
    cells.computeIfAbsent(cohort, x -> new HashMap<>()).merge(k, sums, Sums::plus);
  }

  void firstPurchase(long cohort, Instant first) {
    earliest.merge(cohort, first, (a, b) -> a.isBefore(b) ? a : b);
  }

  /** Adds another computation's cells (over other customers) to these. */
  void addAll(CohortCells other) {
    other.cells.forEach((cohort, byK) -> byK.forEach((k, sums) -> add(cohort, k, sums)));
    other.earliest.forEach(this::firstPurchase);
  }

  /** @return per cohort key (ascending), the sums per k */
  Map<Long, Map<Integer, Sums>> cells() {
    return cells;
  }

  /** @return the cohort's earliest first purchase, if the statement returned it */
  @Nullable Instant earliest(long cohort) {
    return earliest.get(cohort);
  }
}
