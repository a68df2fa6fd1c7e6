package dev.custintel;

import dev.custintel.analytics.actions.ActionsClient;
import dev.custintel.analytics.activity.ActivityClient;
import dev.custintel.analytics.ask.Answer;
import dev.custintel.analytics.ask.AskOptions;
import dev.custintel.analytics.ask.AskQuery;
import dev.custintel.analytics.campaigns.CampaignsClient;
import dev.custintel.analytics.experiments.ExperimentsClient;
import dev.custintel.analytics.affinity.AffinityClient;
import dev.custintel.analytics.churn.ChurnClient;
import dev.custintel.analytics.cohorts.CohortsClient;
import dev.custintel.analytics.events.EventRules;
import dev.custintel.analytics.events.EventsClient;
import dev.custintel.analytics.forecast.ForecastClient;
import dev.custintel.analytics.internal.DefaultCustomerIntelligence;
import dev.custintel.analytics.ltv.LtvClient;
import dev.custintel.analytics.models.ModelsClient;
import dev.custintel.analytics.segments.SegmentsClient;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.product.ProductClient;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.store.DatabaseKind;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The SDK's single entry point: customer intelligence over one database. Thread-safe; close it when the
 * application stops (it closes the connection pool it created, never a host's {@link DataSource}).
 *
 * <pre>{@code
 * try (CustomerIntelligence ci = CustomerIntelligence.builder().dataSource(ds).build()) {
 *   ci.ingestion().upsertOrders(orders);
 *   ModelRun run = ci.models().refresh();          // fit, backtest, score every customer, activate
 *   CustomerProfile p = ci.customers().profile("C-12345");
 *   ChurnRisk risk = ci.churn().risk("C-12345");
 *   LtvPrediction ltv = ci.ltv().predict("C-12345", Horizon.months(12));
 *   List<CrossSellSuggestion> next = ci.affinity().crossSell("C-12345", 5);
 * }
 * }</pre>
 */
public interface CustomerIntelligence extends AutoCloseable {

  /** @return a new builder */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A facade over a store the host already has: the facade and everything else built on the store (such as the
   * Slack helpers) share one connection pool and one profile cache, so ingestion through either invalidates the
   * profiles both read. Closing the facade does not close the store; its owner does.
   *
   * @param store a store built by {@link CustintelStore#builder()}
   * @return the facade
   * @throws NullPointerException if {@code store} is null
   * @throws IllegalArgumentException if the store was not built by {@link CustintelStore#builder()}
   * @throws IllegalStateException if the store is closed
   */
  static CustomerIntelligence over(CustintelStore store) {
    return over(store, EventRules.defaults());
  }

  /**
   * A facade over a store the host already has, whose model runs emit events by these rules.
   *
   * @param store a store built by {@link CustintelStore#builder()}
   * @param eventRules when model runs emit events ({@link EventRules#none()} for never)
   * @return the facade
   * @see #over(CustintelStore)
   */
  static CustomerIntelligence over(CustintelStore store, EventRules eventRules) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(eventRules, "eventRules");
    store.customers(); // fails at once on a closed store
    return new DefaultCustomerIntelligence(store, false, eventRules, true, AskOptions.defaults());
  }

  /** @return ingestion: typed batch upserts and CSV import */
  IngestionClient ingestion();

  /** @return customer profiles and queries (profiles include the active model run's scores) */
  CustomerClient customers();

  /**
   * @return what each product sold: buyers, orders, units, revenue per currency, first and last sale; one product
   *     or pages of products filtered by category, name and period
   */
  ProductClient products();

  /** @return versioned model runs: refresh (fit, score, persist), list, activate, prune */
  ModelsClient models();

  /** @return churn risk per customer, across the base, and the at-risk list, from the active model run */
  ChurnClient churn();

  /** @return lifetime value with intervals and drivers, from the active model run */
  LtvClient ltv();

  /**
   * @return product affinity from the active model run: association rules, "frequently bought together" and
   *     cross-sell suggestions weighted by lifetime value
   */
  AffinityClient affinity();

  /**
   * @return cohort retention by first-purchase week, month or quarter, computed in the database (no model run
   *     needed): "on" and "on or after" retention, revenue and the value curve per cohort, with insights
   */
  CohortsClient cohorts();

  /**
   * @return RFM segments (RF grid, Shopify-style, Klaviyo-style or a host's preset) computed in the database as of
   *     any instant, and the memberships each model run stores, with the previous segment and when it changed
   */
  SegmentsClient segments();

  /**
   * @return the durable log of customer events (churn risk alerts, high-value customers, segment changes) that
   *     activated model runs write by the facade's {@link EventRules}, read after an id
   */
  EventsClient events();

  /**
   * @return the shop's activity right now for dashboards: customers active in the last 30 days, today's orders and
   *     net revenue per currency, and the active run's high-risk customers, computed in the database
   */
  ActivityClient activity();

  /**
   * @return expected transactions and revenue per week or month over a horizon, from the active model run: its
   *     customers' repeat purchases with an interval, new customers' first orders from a seasonal model, and a
   *     holdout backtest of the whole forecast
   */
  ForecastClient forecast();

  /**
   * @return the next best action per customer, chosen by expected value from the active run's churn risk and
   *     lifetime value, the customer's last order and the run's cross-sell rules, with its arithmetic
   */
  ActionsClient actions();

  /**
   * @return retention campaigns: the at-risk customers by value at risk, each with their next best action and its
   *     expected impact, and the totals
   */
  CampaignsClient campaigns();

  /**
   * @return experiments: deterministic assignment, the exposure log, and results by the two-proportion z-test and
   *     Welch's t-test with the sample-ratio check; a finished experiment's measured uplift feeds next best action
   */
  ExperimentsClient experiments();

  /**
   * Answers a question in plain language: "Top 10 VIP customers this month", "Which customers haven't purchased in
   * 90 days?", "Show me high churn risk customers". The question is compiled into a typed {@link AskQuery} (never
   * into SQL), run with the clients above, and answered with the query in words, the rows and one sentence. A
   * question that is not understood gets what can be asked instead, with examples close to it.
   *
   * @param question the question, at most 500 characters
   * @return the answer
   * @throws dev.custintel.core.InvalidInputException if the question is blank or too long ("question")
   */
  Answer ask(String question);

  /**
   * Answers a typed query, as a client that built it itself (or corrected what {@link #ask(String)} understood)
   * sends it.
   *
   * @param query the query; its unset fields take their defaults
   * @return the answer
   * @throws dev.custintel.core.InvalidInputException naming the field when the customer, product or segment does
   *     not exist
   */
  Answer ask(AskQuery query);

  /** @return the database product in use */
  DatabaseKind databaseKind();

  /** @return the clock that gives "now" to every relative figure */
  Clock clock();

  /**
   * The store under the facade, to share with other helpers (such as {@code SlackEventsHandler.builder().store(..)})
   * so that they use the same pool and cache. Do not close it: the facade's owner closes the facade.
   *
   * @return the store
   */
  CustintelStore store();

  /**
   * Releases the pool the SDK created and removes its meters; a facade built {@link #over} a host's store leaves
   * the store open. Idempotent.
   */
  @Override
  void close();

  /**
   * Configures a {@link CustomerIntelligence}. Exactly one database: {@link #dataSource}, {@link #jdbcUrl},
   * {@link #embedded} or {@link #inMemory}. Each method fails fast on a bad value.
   */
  final class Builder {
    private final CustintelStore.Builder store = CustintelStore.builder();
    private EventRules eventRules = EventRules.defaults();
    private AskOptions askOptions = AskOptions.defaults();
    private boolean rescoreOnIngest = true;

    private Builder() {}

    /**
     * @param dataSource the host's data source; never closed by the SDK
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      store.dataSource(dataSource);
      return this;
    }

    /**
     * @param url a PostgreSQL or H2 JDBC URL; the SDK creates and closes a connection pool for it
     * @return this builder
     */
    public Builder jdbcUrl(String url) {
      store.jdbcUrl(url);
      return this;
    }

    /**
     * @param url a PostgreSQL or H2 JDBC URL
     * @param username user name
     * @param password password; never logged or put in an exception
     * @return this builder
     */
    public Builder jdbcUrl(String url, String username, String password) {
      store.jdbcUrl(url, username, password);
      return this;
    }

    /**
     * @param directory where the embedded H2 database keeps its files (created if missing)
     * @return this builder
     */
    public Builder embedded(Path directory) {
      store.embedded(directory);
      return this;
    }

    /**
     * @param name name of an H2 in-memory database, gone when closed
     * @return this builder
     */
    public Builder inMemory(String name) {
      store.inMemory(name);
      return this;
    }

    /**
     * @param prefix table prefix, {@code [a-z][a-z0-9_]{0,15}}; default {@code ci_}
     * @return this builder
     */
    public Builder tablePrefix(String prefix) {
      store.tablePrefix(prefix);
      return this;
    }

    /**
     * @param migrate whether to run the schema migrations on build (default true)
     * @return this builder
     */
    public Builder migrateOnStart(boolean migrate) {
      store.migrateOnStart(migrate);
      return this;
    }

    /**
     * @param clock the clock giving "now"; default the system UTC clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      store.clock(clock);
      return this;
    }

    /**
     * @param registry where to register the {@code custintel.*} meters
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      store.meterRegistry(registry);
      return this;
    }

    /**
     * @param maximumSize profiles cached, 0 to disable; default 10,000
     * @param ttl how long a cached profile is served; default 5 minutes
     * @return this builder
     */
    public Builder profileCache(long maximumSize, Duration ttl) {
      store.profileCache(maximumSize, ttl);
      return this;
    }

    /**
     * @param timeout how long a call waits for a connection of a pool the SDK owns, 250 ms to 10 minutes; default
     *     30 seconds
     * @return this builder
     * @see CustintelStore.Builder#connectionTimeout(Duration)
     */
    public Builder connectionTimeout(Duration timeout) {
      store.connectionTimeout(timeout);
      return this;
    }

    /**
     * @param size largest number of connections of a pool the SDK creates, 2 to 200 (migrating the schema holds two
     *     at once); default 10
     * @return this builder
     */
    public Builder maximumPoolSize(int size) {
      store.maximumPoolSize(size);
      return this;
    }

    /**
     * @param rules when activated model runs emit events (default {@link EventRules#defaults()}; {@link
     *     EventRules#none()} for never)
     * @return this
     */
    public Builder eventRules(EventRules rules) {
      this.eventRules = Objects.requireNonNull(rules, "eventRules");
      return this;
    }

    /**
     * @param options how {@link CustomerIntelligence#ask(String)} reads questions: the segments they name, what
     *     "VIP" means, an optional translator (default {@link AskOptions#defaults()})
     * @return this
     */
    public Builder ask(AskOptions options) {
      this.askOptions = Objects.requireNonNull(options, "ask");
      return this;
    }

    /**
     * Whether each committed ingestion (batch, import, sync) re-scores the customers it changed under the active
     * model run, with their events, before it returns (see {@link ModelsClient#rescore}). Default true; switch it
     * off for a bulk load followed by a model run, which scores everyone anyway.
     *
     * @param rescore whether to re-score after ingestion
     * @return this
     */
    public Builder rescoreOnIngest(boolean rescore) {
      this.rescoreOnIngest = rescore;
      return this;
    }

    /**
     * Connects, migrates (unless switched off) and returns the facade.
     *
     * @return the facade
     * @throws dev.custintel.core.InvalidInputException if no database was configured
     * @throws dev.custintel.core.DataAccessException if the database cannot be reached or migrated
     */
    public CustomerIntelligence build() {
      return new DefaultCustomerIntelligence(store.build(), true, eventRules, rescoreOnIngest, askOptions);
    }
  }
}
