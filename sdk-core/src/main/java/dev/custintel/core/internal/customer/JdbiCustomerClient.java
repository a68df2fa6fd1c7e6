package dev.custintel.core.internal.customer;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.customer.CustomerRank;
import dev.custintel.core.customer.CustomerSort;
import dev.custintel.core.customer.CustomerSummary;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.customer.CustomerPage;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.internal.store.StoreMetrics;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.internal.store.TransactionRunner;
import dev.custintel.core.model.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Customer reads over Jdbi. Not API. */
public final class JdbiCustomerClient implements CustomerClient {
  private static final int MAX_TOP = 1_000;

  private final TransactionRunner tx;
  private final Tables t;
  private final Clock clock;
  private final ProfileCache cache;
  private final StoreMetrics metrics;
  private final ProfileLoader loader;
  private final CustomerQuerySql querySql;

  public JdbiCustomerClient(
      TransactionRunner tx, Tables tables, Clock clock, ProfileCache cache, StoreMetrics metrics) {
    this.tx = tx;
    this.t = tables;
    this.clock = clock;
    this.cache = cache;
    this.metrics = metrics;
    this.loader = new ProfileLoader(tables);
    this.querySql = new CustomerQuerySql(tables);
  }

  @Override
  public CustomerProfile profile(String customerId) {
    Checks.id(Objects.requireNonNull(customerId, "customerId"), "customerId");
    return metrics.time("customers.profile", () -> cache.get(customerId,
        id -> tx.withHandle("Reading the profile of customer '" + id + "'", h -> loader.load(h, id, clock.instant()))));
  }

  @Override
  public List<CustomerRank> top(int n, DateRange period) {
    Objects.requireNonNull(period, "period");
    checkTop(n);
    return metrics.time("customers.top", () -> {
      Currency only = singleCurrency(period, "call top(n, period, currency)");
      return only == null ? List.<CustomerRank>of() : rank(n, period, only);
    });
  }

  /**
   * The one currency of the orders in the period (all time when null), null when there are none.
   *
   * @throws InvalidInputException naming {@code currency} when there are several
   */
  private @Nullable Currency singleCurrency(@Nullable DateRange period, String remedy) {
    List<String> currencies = tx.withHandle("Finding currencies", h -> {
      var q = h.createQuery(t.sql("SELECT DISTINCT currency FROM {orders}"
          + (period == null ? "" : " WHERE placed_at >= ? AND placed_at < ?")));
      if (period != null) {
        q.bind(0, CustomerQuerySql.odt(period.from())).bind(1, CustomerQuerySql.odt(period.to()));
      }
      return q.mapTo(String.class).list();
    });
    if (currencies.size() > 1) {
      throw InvalidInputException.argument("currency",
          "is required: orders in this period use more than one currency " + currencies.stream().map(String::trim)
              .sorted().toList() + "; " + remedy);
    }
    return currencies.isEmpty() ? null : Currency.getInstance(currencies.get(0).trim());
  }

  @Override
  public List<CustomerRank> top(int n, DateRange period, Currency currency) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(currency, "currency");
    checkTop(n);
    return metrics.time("customers.top", () -> rank(n, period, currency));
  }

  private List<CustomerRank> rank(int n, DateRange period, Currency currency) {
    CustomerQuery q = CustomerQuery.builder().period(period).currency(currency).sort(CustomerSort.SPEND_DESC)
        .limit(n).build();
    List<CustomerSummary> rows = runQuery(q).items();
    List<CustomerRank> ranks = new ArrayList<>(rows.size());
    for (CustomerSummary s : rows) {
      Money spent = s.netSpent() != null ? s.netSpent() : Money.zero(currency);
      ranks.add(new CustomerRank(ranks.size() + 1, s.customerId(), spent, s.orders()));
    }
    return ranks;
  }

  private static void checkTop(int n) {
    if (n < 1 || n > MAX_TOP) {
      throw InvalidInputException.argument("n", "must be between 1 and " + MAX_TOP + " (was " + n + ")");
    }
  }

  @Override
  public CustomerPage query(CustomerQuery query) {
    Objects.requireNonNull(query, "query");
    return metrics.time("customers.query", () -> {
      if (query.sort() == CustomerSort.SPEND_DESC && query.currency() == null) {
        // Ranking by spend across currencies would compare euros with dollars.
        singleCurrency(query.period(), "set the query's currency");
      }
      return runQuery(query);
    });
  }

  private CustomerPage runQuery(CustomerQuery query) {
    Instant now = clock.instant();
    return tx.withHandle("Querying customers", h -> querySql.run(h, query, now));
  }

  @Override
  public long count() {
    return tx.withHandle("Counting customers",
        h -> h.createQuery(t.sql("SELECT COUNT(*) FROM {customers}")).mapTo(Long.class).one());
  }

  @Override
  public void invalidateCache() {
    cache.invalidateAll();
  }
}
