package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.churn.RiskLevel;
import dev.custintel.core.spi.StoreAccess;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the active model run for alerting: its age ({@code custintel.model.active.age}, seconds), its customers'
 * mean churn risk ({@code custintel.churn.risk.mean}) and how many are at {@link RiskLevel#HIGH} risk ({@code
 * custintel.churn.customers.high}). All NaN before the first activation, and while the database cannot be read. Each
 * scrape looks up the active run's id; the aggregate over its scores is read again only for a newly activated run or
 * after {@link #MAX_AGE}; the age is computed at each read. Not API.
 */
public final class ActiveRunGauges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveRunGauges.class);
  /** How long one reading of the active run's figures serves the gauges. */
  static final Duration MAX_AGE = Duration.ofSeconds(60);

  /** One reading; {@code runCreatedAt} null when there is no active run (or the database could not be read). */
  private record Reading(
      Instant at, @Nullable Long runId, @Nullable Instant runCreatedAt, double meanRisk, double highRisk) {
    static final Reading NONE = none(Instant.EPOCH);

    /** No active run (or an unreadable database) at {@code at}. */
    static Reading none(Instant at) {
      return new Reading(at, null, null, Double.NaN, Double.NaN);
    }
  }

  private final StoreAccess access;
  private final RunStore runs;
  private final MeterRegistry registry;
  private final Clock clock;
  private final List<Meter> meters = new ArrayList<>();
  private volatile Reading last = Reading.NONE;

  /** Registers the gauges on the store's registry. */
  public ActiveRunGauges(StoreAccess access, RunStore runs) {
    this.access = access;
    this.runs = runs;
    this.registry = access.store().meterRegistry();
    this.clock = access.store().clock();
    gauge("custintel.model.active.age", "seconds", "Age of the active model run (NaN before the first)",
        g -> {
          Instant created = g.reading().runCreatedAt();
          return created == null ? Double.NaN : Duration.between(created, g.clock.instant()).toMillis() / 1000.0;
        });
    gauge("custintel.churn.risk.mean", null, "Mean churn risk (1 - P(alive)) of the active run's customers",
        g -> g.reading().meanRisk());
    gauge("custintel.churn.customers.high", null, "Customers of the active run at high churn risk (0.8 or more)",
        g -> g.reading().highRisk());
  }

  private void gauge(String name, @Nullable String unit, String description, ToDoubleFunction<ActiveRunGauges> value) {
    Gauge.Builder<ActiveRunGauges> b = Gauge.builder(name, this, value)
        .description(description)
        .tag("store", access.prefix());
    if (unit != null) {
      b.baseUnit(unit);
    }
    meters.add(b.register(registry));
  }

  private Reading reading() {
    Instant now = clock.instant();
    try {
      // The active run's id is a primary-key lookup: a newly activated run shows at the next scrape; the
      // aggregate over its scores is read again only for a new run or after MAX_AGE.
      Long runId = runs.activeRunId().orElse(null);
      Reading r = last;
      if (java.util.Objects.equals(runId, r.runId()) && r != Reading.NONE
          && Duration.between(r.at(), now).compareTo(MAX_AGE) < 0) {
        return r;
      }
      if (runId == null) {
        last = Reading.none(now);
        return last;
      }
      double high = RiskLevel.HIGH.lowerBound();
      Reading read = access.read("Reading the active model run's gauges", h -> h.createQuery(access.sql(
              "SELECT r.created_at, AVG(1 - s.p_alive), SUM(CASE WHEN 1 - s.p_alive >= :high THEN 1 ELSE 0 END)"
                  + " FROM {model_runs} r LEFT JOIN {customer_scores} s ON s.run_id = r.run_id"
                  + " WHERE r.run_id = :run GROUP BY r.created_at"))
          .bind("high", high)
          .bind("run", runId)
          .map((rs, ctx) -> {
            double mean = rs.getDouble(2);
            boolean none = rs.wasNull();
            long count = rs.getLong(3);
            return new Reading(now, runId, rs.getObject(1, OffsetDateTime.class).toInstant(),
                none ? Double.NaN : mean, none ? Double.NaN : count);
          })
          .findOne()
          .orElse(null));
      last = read != null ? read : Reading.none(now);
    } catch (RuntimeException e) {
      // A scrape must not fail because the database is away: the gauges read NaN until it is back.
      LOG.debug("Could not read the active model run's gauges: {}", e.toString());
      last = Reading.none(now);
    }
    return last;
  }

  /** Removes the gauges from the registry. */
  @Override
  public void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }
}
