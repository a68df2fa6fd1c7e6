package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.Cohort;
import dev.custintel.analytics.cohorts.CohortCell;
import dev.custintel.analytics.cohorts.CohortPeriod;
import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.analytics.cohorts.CohortTable;
import dev.custintel.analytics.cohorts.CohortsClient;
import dev.custintel.analytics.internal.ShopCurrencies;
import dev.custintel.core.model.Money;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.DatabaseKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Cohort tables computed by the database: one aggregate statement (after the currency and the data's end), whose
 * result grows with cohorts and periods, never with orders or customers: {@link WindowedCohortQuery} on
 * PostgreSQL, {@link GroupedCohortQuery} on H2. Per (cohort, k) they give the customers with a purchase in k, the
 * purchases, the revenue net of returns, and the customers whose last purchase is in k; the cohort's size is the
 * sum of the last, and "on or after" at k its sum over k and later. Not API.
 */
public final class DefaultCohortsClient implements CohortsClient {
  private final StoreAccess access;
  /** One split (two-connection) computation at a time: see {@link SplitCohortQuery}. */
  private final Semaphore split = new Semaphore(1);

  /** @param access the store */
  public DefaultCohortsClient(StoreAccess access) {
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public CohortTable retention(CohortRequest request) {
    Objects.requireNonNull(request, "request");
    CohortSql sql = new CohortSql(access.kind(), request.zone());
    return access.inSnapshot("Computing cohort retention", h -> compute(h, sql, request));
  }

  private CohortTable compute(Handle h, CohortSql sql, CohortRequest r) {
    Currency currency = r.currency() != null ? r.currency() : ShopCurrencies.only(access, h);
    if (currency == null) {
      return new CohortTable(r.period(), r.zone(), null, r.rollingDays(), List.of(), List.of());
    }
    String code = currency.getCurrencyCode();
    // The data's first and last instants in the currency: two ends of the placed_at index, one round trip.
    OffsetDateTime[] range = h.createQuery(access.sql(
            "SELECT MIN(placed_at), MAX(placed_at) FROM {orders} WHERE currency = ?"))
        .bind(0, code)
        .map((rs, ctx) -> new OffsetDateTime[] {
            rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)})
        .one();
    if (range[1] == null) {
      return new CohortTable(r.period(), r.zone(), currency, r.rollingDays(), List.of(), List.of());
    }
    Instant dataEnd = range[1].toInstant();

    CohortCells cells = new CohortCells();
    CohortQuery query = access.kind() == DatabaseKind.POSTGRESQL
        ? new SplitCohortQuery(access, sql.withPeriodStarts(r.period(), range[0].toInstant(), dataEnd), split)
        : new GroupedCohortQuery(access, sql);
    query.run(h, code, r, cells);
    if (cells.cells().isEmpty()) {
      return new CohortTable(r.period(), r.zone(), currency, r.rollingDays(), List.of(), List.of());
    }

    List<Cohort> cohorts = new ArrayList<>(cells.cells().size());
    for (Map.Entry<Long, Map<Integer, CohortCells.Sums>> e : cells.cells().entrySet()) {
      long key = e.getKey();
      int columns = columns(r, key, cells.earliest(key), dataEnd);
      cohorts.add(cohort(r.period(), key, columns, currency, e.getValue()));
    }
    return new CohortTable(r.period(), r.zone(), currency, r.rollingDays(), cohorts,
        CohortInsights.of(cohorts, r.period(), r.rollingDays(), r.minimumCohortSize(), r.insightPeriod()));
  }

  /** How many periods (k = 0 … columns − 1) a cohort has up to the data's end. */
  private static int columns(CohortRequest r, long key, @Nullable Instant earliest, Instant dataEnd) {
    long last;
    if (r.rollingDays() == null) {
      last = CohortSql.key(r.period(), dataEnd.atZone(r.zone()).toLocalDate()) - key;
    } else {
      Objects.requireNonNull(earliest, "earliest first purchase of a cohort with rolling periods");
      long seconds = dataEnd.getEpochSecond() - earliest.getEpochSecond();
      last = Math.floorDiv(seconds, 86_400L * r.rollingDays());
    }
    return (int) Math.max(1, Math.min(last + 1, 100_000));
  }

  private static Cohort cohort(
      CohortPeriod period, long key, int columns, Currency currency, Map<Integer, CohortCells.Sums> cells) {
    long customers = 0;
    long[] onOrAfter = new long[columns];
    for (Map.Entry<Integer, CohortCells.Sums> e : cells.entrySet()) {
      customers += e.getValue().ending();
      // a last purchase past the data's end cannot be; it would count in the last column
      int k = Math.min(e.getKey(), columns - 1);
      onOrAfter[k] += e.getValue().ending();
    }
    for (int k = columns - 2; k >= 0; k--) { // "on or after" at k: customers whose last purchase is in k or later
      onOrAfter[k] += onOrAfter[k + 1];
    }
    List<CohortCell> out = new ArrayList<>(columns);
    BigDecimal cumulative = BigDecimal.ZERO;
    for (int k = 0; k < columns; k++) {
      CohortCells.Sums c = cells.getOrDefault(k, CohortCells.Sums.EMPTY);
      cumulative = cumulative.add(c.revenue());
      out.add(new CohortCell(k, c.active(), onOrAfter[k], (double) c.active() / customers,
          (double) onOrAfter[k] / customers, c.orders(), new Money(c.revenue(), currency).normalized(),
          new Money(cumulative, currency).dividedBy(customers)));
    }
    LocalDate start = CohortSql.start(period, key);
    return new Cohort(period.label(start), start, customers, out);
  }
}
