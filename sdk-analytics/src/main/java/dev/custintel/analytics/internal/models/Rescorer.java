package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.internal.events.EventWriter;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.spi.StoreAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental re-scoring: customers whose orders changed are scored again with the active run's fitted models (no
 * refit), from all their purchases in the run's currency, and their events are emitted in the same transaction as
 * the new scores. A customer's as-of day is the run's, or their last purchase day when that is later (a purchase
 * after the run's as-of day counts, and the customer is as young as their last purchase makes them); the run's
 * other customers keep the run's day.
 *
 * <p>As a listener of the store's committed ingestion ({@link StoreAccess#onCustomersChanged}) it never throws:
 * customers whose re-scoring failed stay pending and are tried again with the next change (or the next model run
 * replaces every score). Customers changed while a model run reads and fits are re-scored once more under the new
 * run when it is activated, since its snapshot may predate their change. Thread-safe. Not API.
 */
public final class Rescorer implements Consumer<Set<String>> {
  private static final Logger LOG = LoggerFactory.getLogger(Rescorer.class);
  /** Customers per transaction: bounds a statement's IN list and the time the run pointer is locked. */
  static final int CHUNK = 500;
  private static final int MAX_ATTEMPTS = 5;

  private final StoreAccess access;
  private final RunStore runs;
  private final ActiveRuns active;
  private final EventWriter events;
  private final Clock clock;
  private final Timer timer;
  private final Counter customers;
  private final Counter failures;

  /** Customers whose re-scoring failed, to try again. Guarded by itself. */
  private final Set<String> pending = new TreeSet<>();
  /** Customers changed while model runs are in flight, one set per run. Guarded by itself. */
  private final List<Set<String>> duringRuns = new ArrayList<>();

  public Rescorer(StoreAccess access, RunStore runs, ActiveRuns active, EventWriter events) {
    this.access = access;
    this.runs = runs;
    this.active = active;
    this.events = events;
    this.clock = access.store().clock();
    var registry = access.store().meterRegistry();
    this.timer = Timer.builder("custintel.rescore")
        .description("Re-scoring of customers whose orders changed, under the active model run")
        .tag("store", access.prefix())
        .register(registry);
    this.customers = Counter.builder("custintel.rescore.customers")
        .description("Customers re-scored after their orders changed")
        .tag("store", access.prefix())
        .register(registry);
    this.failures = Counter.builder("custintel.rescore.failures")
        .description("Re-scorings that failed after ingestion committed; their customers stay pending")
        .tag("store", access.prefix())
        .register(registry);
  }

  /** After a commit of ingestion: re-scores the changed customers and those still pending. Never throws. */
  @Override
  public void accept(Set<String> changed) {
    synchronized (duringRuns) {
      for (Set<String> run : duringRuns) {
        run.addAll(changed);
      }
    }
    synchronized (pending) {
      pending.addAll(changed);
    }
    drain();
  }

  /** Re-scores what is pending; on a failure, what was not re-scored stays pending. */
  private void drain() {
    List<String> ids;
    synchronized (pending) {
      if (pending.isEmpty()) {
        return;
      }
      ids = new ArrayList<>(pending);
      pending.clear();
    }
    int done = 0;
    try {
      for (; done < ids.size(); done += CHUNK) {
        rescoreChunk(ids.subList(done, Math.min(ids.size(), done + CHUNK)));
      }
    } catch (RuntimeException e) {
      List<String> rest = ids.subList(done, ids.size());
      synchronized (pending) {
        pending.addAll(rest);
      }
      failures.increment();
      LOG.warn("Could not re-score {} customers after their orders changed; they stay pending until the next"
          + " change or model run: {}", rest.size(), e.toString());
    }
  }

  /**
   * Re-scores the customers now and throws on a failure.
   *
   * @return how many of them have a score now (0 when no run is active)
   */
  public int rescore(Collection<String> customerIds) {
    List<String> ids = new ArrayList<>(new TreeSet<>(customerIds));
    int scored = 0;
    for (int i = 0; i < ids.size(); i += CHUNK) {
      scored += rescoreChunk(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
    }
    return scored;
  }

  /** A model run is starting to read: customers changed from now on are re-scored under it once it is active. */
  Set<String> runStarting() {
    Set<String> changed = new HashSet<>();
    synchronized (duringRuns) {
      duringRuns.add(changed);
    }
    return changed;
  }

  /**
   * The run that {@link #runStarting()} announced has ended; when it was activated, the customers changed since it
   * started reading are re-scored under it (logged, not thrown, on a failure: they stay pending).
   */
  void runEnded(Set<String> changed, boolean activated) {
    synchronized (duringRuns) {
      duringRuns.removeIf(s -> s == changed);
    }
    if (activated && !changed.isEmpty()) {
      synchronized (pending) {
        pending.addAll(changed);
      }
      drain();
    }
  }

  /** Customers whose re-scoring failed and waits for the next change; for tests and diagnostics. */
  int pendingCount() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private int rescoreChunk(List<String> ids) {
    Timer.Sample sample = Timer.start();
    try {
      for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        Optional<Long> runId = runs.activeRunId();
        if (runId.isEmpty()) {
          return 0;
        }
        // Rebuilt (or cached) before the transaction: loading a run takes a connection of its own.
        ActiveRuns.RunModels models = active.models(runId.get());
        Integer scored = access.inTransaction("Re-scoring " + ids.size() + " customers",
            h -> rescoreLocked(h, runId.get(), models, ids));
        if (scored != null) {
          customers.increment(ids.size());
          return scored;
        }
      }
      throw new IllegalStateException("The active model run changed " + MAX_ATTEMPTS + " times while "
          + ids.size() + " customers were being re-scored");
    } finally {
      sample.stop(timer);
    }
  }

  /** @return how many are scored now, or null when another run became active before the lock was taken */
  private @Nullable Integer rescoreLocked(Handle h, long runId, ActiveRuns.RunModels models, List<String> ids) {
    // The pointer's lock: no activation, prune or other re-scoring until this commits.
    Long locked = runs.lockPointer(h);
    if (locked == null || locked != runId) {
      return null;
    }
    ModelRun run = models.run();
    List<CustomerRfm> summaries = summaries(h, run, ids);
    List<CustomerValue> values = summaries.isEmpty() ? List.of()
        : models.valueModel().values(summaries, run.valuation());
    for (int i = 0; i < ids.size(); i += CHUNK) {
      h.createUpdate(access.sql("DELETE FROM {customer_scores} WHERE run_id = :run AND customer_id IN (<ids>)"))
          .bind("run", runId)
          .bindList("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
          .execute();
    }
    runs.insertScores(h.getConnection(), runId, values);
    events.afterRescore(h, runId, values, ids, clock.instant(), run.data().currency().getCurrencyCode());
    return values.size();
  }

  /**
   * The customers' summaries from all their purchases in the run's currency, each as of the later of the run's
   * as-of day and their own last purchase day. Customers without such a purchase have none.
   */
  private List<CustomerRfm> summaries(Handle h, ModelRun run, List<String> ids) {
    LocalDate runAsOf = run.data().asOf();
    List<CustomerRfm> out = new ArrayList<>(ids.size());
    Fold fold = new Fold(runAsOf, run, out);
    h.createQuery(access.sql("SELECT customer_id, purchase_day, SUM(total_amount) AS amount FROM ("
            + " SELECT customer_id, " + StoreSummaryReader.UTC_DAY_KEY + " AS purchase_day, total_amount"
            + " FROM {orders} WHERE kind = 'PURCHASE' AND currency = :currency AND customer_id IN (<ids>)) p"
            + " GROUP BY customer_id, purchase_day ORDER BY customer_id, purchase_day"))
        .bind("currency", run.data().currency().getCurrencyCode())
        .bindList("ids", ids)
        .map((rs, ctx) -> {
          fold.accept(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3));
          return 0;
        })
        .forEach(x -> { });
    fold.finish();
    return out;
  }

  /** Folds rows ordered by customer and day into one summary per customer. */
  private static final class Fold {
    private final LocalDate runAsOf;
    private final ModelRun run;
    private final List<CustomerRfm> out;
    private @Nullable String customer;
    private @Nullable LocalDate first;
    private BigDecimal firstAmount = BigDecimal.ZERO;
    private @Nullable LocalDate last;
    private int repeatDays;
    private BigDecimal repeatAmount = BigDecimal.ZERO;

    Fold(LocalDate runAsOf, ModelRun run, List<CustomerRfm> out) {
      this.runAsOf = runAsOf;
      this.run = run;
      this.out = out;
    }

    void accept(String id, int dayKey, BigDecimal amount) {
      LocalDate day = LocalDate.of(dayKey / 10_000, dayKey / 100 % 100, dayKey % 100);
      if (!id.equals(customer)) {
        finish();
        customer = id;
        first = day;
        firstAmount = amount;
        repeatDays = 0;
        repeatAmount = BigDecimal.ZERO;
      } else {
        repeatDays++;
        repeatAmount = repeatAmount.add(amount);
      }
      last = day;
    }

    void finish() {
      String id = customer;
      if (id == null) {
        return;
      }
      LocalDate lastDay = Objects.requireNonNull(last);
      // The stored age (T) then runs to this day, which is how a profile tells it (CustomerScores.scoredAsOf).
      LocalDate asOf = lastDay.isAfter(runAsOf) ? lastDay : runAsOf;
      out.add(CustomerRfm.fromPurchaseDays(id, Objects.requireNonNull(first), firstAmount, lastDay, repeatDays,
          repeatAmount, asOf, run.data().unit()));
      customer = null;
    }
  }
}
