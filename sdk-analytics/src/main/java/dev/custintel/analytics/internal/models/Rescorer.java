package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.internal.RowInserter;
import dev.custintel.analytics.internal.events.EventWriter;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.spi.StoreAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * <p>As a durable listener of the store's committed ingestion ({@link StoreAccess#onCustomersChangedDurably}) it
 * never throws: customers whose re-scoring failed stay pending and are tried again with the next change (or the next
 * model run replaces every score). Each batch also records its customers in {@code changed_customers}, in its own
 * transaction; a re-scoring deletes the rows it handled in its own, and {@link #recoverInBackground()} takes up
 * what a killed process left there. Customers re-scored (by any process) while a model run reads and fits are
 * re-scored once more under the new run when it is activated, since its snapshot may predate their change: see
 * {@link #mark()} and the table {@code rescore_log}; with no run active, changed customers are only logged there,
 * for a first run that may be reading. Thread-safe. Not API.
 */
public final class Rescorer implements Consumer<Set<String>> {
  private static final Logger LOG = LoggerFactory.getLogger(Rescorer.class);
  /** Customers per transaction: bounds a statement's IN list and the time the run pointer is locked. */
  static final int CHUNK = 500;
  private static final int MAX_ATTEMPTS = 5;
  /** Rows of {@code changed_customers} deleted per statement. */
  private static final int DEQUEUE_CHUNK = 1_000;
  /** Customers taken up per round when catching up on what an earlier process left in {@code changed_customers}. */
  static final int RECOVERY_PAGE = 5_000;
  /** How long closing waits for the catch-up of {@link #recover()} before it stops it. */
  private static final Duration RECOVERY_WAIT = Duration.ofMinutes(1);
  /** Reads of the leftovers tried before the catch-up gives up until the next start. */
  private static final int RECOVERY_READS = 5;

  private final StoreAccess access;
  private final RunStore runs;
  private final ActiveRuns active;
  private final EventWriter events;
  private final Clock clock;
  private final Timer timer;
  private final Counter customers;
  private final Counter failures;

  /**
   * Serializes this process's writers of the run pointer's lock (re-scorings, run writes, activations, prunes), so
   * that they queue here rather than on the database's row lock, which H2 gives up on after its lock timeout.
   */
  private final ReentrantLock serial = new ReentrantLock();
  /** Set when the facade starts closing: the catch-up no longer waits to read again after a failed read. */
  private volatile boolean closeRequested;
  /** Set when closing gave up waiting: the catch-up of {@link #recover()} stops after its page. */
  private volatile boolean closing;
  private volatile @Nullable Thread recovery;

  /** Whether a thread is draining {@link #pending}; others leave their customers to it. */
  private final AtomicBoolean draining = new AtomicBoolean();

  /** Customers waiting to be re-scored (after a failure, or while another thread drains). Guarded by itself. */
  private final Set<String> pending = new TreeSet<>();

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

  /**
   * After a commit of ingestion: re-scores the changed customers and those still pending, on this thread; when
   * another thread is already re-scoring, it takes these customers too, right after its current ones, and this
   * thread returns at once. Never throws.
   */
  @Override
  public void accept(Set<String> changed) {
    synchronized (pending) {
      pending.addAll(changed);
    }
    drain();
  }

  /**
   * Re-scores what is pending until nothing is, unless another thread does; stops at a failure, leaving what was not
   * re-scored pending. A thread that finds another draining returns: the other checks for more before it stops.
   *
   * @return false when this thread stopped at a failure
   */
  private boolean drain() {
    while (draining.compareAndSet(false, true)) {
      boolean ok;
      try {
        ok = drainOnce();
      } finally {
        draining.set(false);
      }
      synchronized (pending) {
        if (!ok) {
          return false;
        }
        if (pending.isEmpty()) {
          return true;
        }
      }
    }
    return true;
  }

  /** @return false when a re-scoring failed (its customers and the rest are pending again) */
  private boolean drainOnce() {
    List<String> ids;
    synchronized (pending) {
      if (pending.isEmpty()) {
        return true;
      }
      ids = new ArrayList<>(pending);
      pending.clear();
    }
    int done = 0;
    try {
      for (; done < ids.size(); done += CHUNK) {
        rescoreChunk(ids.subList(done, Math.min(ids.size(), done + CHUNK)));
      }
      return true;
    } catch (RuntimeException e) {
      List<String> rest = ids.subList(done, ids.size());
      synchronized (pending) {
        pending.addAll(rest);
      }
      failures.increment();
      LOG.warn("Could not re-score {} customers after their orders changed; they stay pending until the next"
          + " change or model run: {}", rest.size(), e.toString());
      return false;
    }
  }

  /**
   * Runs work that takes the run pointer's lock (a run's write, an activation, a prune) after this process's
   * re-scoring in progress, never at the same time.
   */
  <T> T exclusive(Supplier<T> work) {
    serial.lock();
    try {
      return work.get();
    } finally {
      serial.unlock();
    }
  }

  /**
   * Takes up, on a daemon thread, the customers that an earlier process left in {@code changed_customers}: killed
   * after its ingestion committed and before their re-scoring did. Called once, when the facade opens with
   * re-scoring on; {@link #close()} waits for it.
   */
  public void recoverInBackground() {
    Thread thread = new Thread(this::recover, "custintel-rescore-recovery");
    thread.setDaemon(true);
    recovery = thread;
    thread.start();
  }

  /**
   * Re-scores the customers named in {@code changed_customers}, a page at a time (memory stays bounded however many
   * were left), until none is left, the facade closes or a re-scoring fails (the rows stay for the next start).
   * Never throws.
   */
  void recover() {
    int total = 0;
    try {
      String after = "";
      while (!closing) {
        List<String> page = leftovers(after);
        if (page.isEmpty()) {
          break;
        }
        if (total == 0) {
          LOG.info("Re-scoring customers whose orders changed in a process that stopped before it re-scored them");
        }
        total += page.size();
        after = page.get(page.size() - 1);
        synchronized (pending) {
          pending.addAll(page);
        }
        // Another thread may be draining: wait for it to work the pending list down before the next page.
        boolean ok = drain();
        while (ok && !closing && pendingCount() > RECOVERY_PAGE) {
          Thread.sleep(20);
          ok = drain();
        }
        if (!ok) {
          LOG.warn("Stopped re-scoring the customers an earlier process left; the next start takes them up");
          return;
        }
      }
      if (total > 0) {
        LOG.info("Re-scored {} customers an earlier process left to re-score", total);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failures.increment();
      LOG.warn("Could not take up the customers an earlier process left to re-score; the next start tries again:"
          + " {}", e.toString());
    }
  }

  /**
   * The next page of customers named in {@code changed_customers}. Tried again a few times (1, 2, 4 and 8 s later):
   * when a facade opens, its pool may be busy or the database still starting, and that passes.
   */
  private List<String> leftovers(String after) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return access.read("Reading the customers left to re-score", h -> h.createQuery(access.sql(
                "SELECT DISTINCT customer_id FROM {changed_customers} WHERE customer_id > :after"
                    + " ORDER BY customer_id FETCH FIRST " + RECOVERY_PAGE + " ROWS ONLY"))
            .bind("after", after).mapTo(String.class).list());
      } catch (RuntimeException e) {
        if (attempt == RECOVERY_READS || closeRequested) {
          throw e;
        }
        long until = System.nanoTime() + Duration.ofSeconds(1L << (attempt - 1)).toNanos();
        while (!closeRequested && System.nanoTime() < until) {
          Thread.sleep(50);
        }
      }
    }
  }

  /**
   * When the facade closes: waits for the catch-up of {@link #recoverInBackground()} to finish (at most
   * {@link #RECOVERY_WAIT}; then it stops after its page), then one last try for the customers still pending, so
   * that a short-lived process (a CLI import) ends with its customers re-scored. Whatever is left stays in
   * {@code changed_customers} for the next start. Logged, never thrown.
   */
  public void close() {
    closeRequested = true;
    Thread thread = recovery;
    if (thread != null) {
      try {
        thread.join(RECOVERY_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closing = true;
    }
    drain();
    int left = pendingCount();
    if (left > 0) {
      LOG.warn("{} customers whose orders changed were not re-scored; the next start (or model run) scores them",
          left);
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

  /**
   * Notes where the re-scoring log stands, before a model run reads: under the run pointer's lock, which every
   * re-scoring (in any process) holds until it commits, so every re-scoring after the note has a greater number.
   *
   * @return the newest entry's number, 0 when the log is empty
   */
  long mark() {
    return exclusive(() -> access.inTransaction("Noting the re-scoring log", h -> {
      runs.lockPointer(h);
      return h.createQuery(access.sql("SELECT COALESCE(MAX(seq), 0) FROM {rescore_log}")).mapTo(Long.class).one();
    }));
  }

  /**
   * In the transaction that activates a run, with the pointer locked: the customers re-scored since the run's
   * {@link #mark()} (under the previous run, from orders the new run's snapshot may not have seen), and deletes the
   * entries up to the mark, which no run needs any more.
   *
   * @return the customers to re-score under the new run once it is committed
   */
  Set<String> takeSince(Handle h, long mark) {
    Set<String> since = new TreeSet<>(h.createQuery(access.sql(
            "SELECT customer_id FROM {rescore_log} WHERE seq > :mark"))
        .bind("mark", mark).mapTo(String.class).list());
    h.createUpdate(access.sql("DELETE FROM {rescore_log} WHERE seq <= :mark")).bind("mark", mark).execute();
    return since;
  }

  /**
   * After a run is committed active: re-scores under it the customers {@link #takeSince} returned. Logged, never
   * thrown: on a failure they stay pending.
   */
  void runActivated(Set<String> changed) {
    if (!changed.isEmpty()) {
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
        Integer scored;
        if (runId.isEmpty()) {
          scored = exclusive(() -> access.inTransaction("Noting " + ids.size() + " changed customers",
              h -> noteWithoutRun(h, ids)));
        } else {
          // Rebuilt (or cached) before the transaction: loading a run takes a connection of its own.
          ActiveRuns.RunModels models = active.models(runId.get());
          scored = exclusive(() -> access.inTransaction("Re-scoring " + ids.size() + " customers",
              h -> rescoreLocked(h, runId.get(), models, ids)));
        }
        if (scored != null) {
          if (runId.isPresent()) {
            customers.increment(ids.size());
          }
          return scored;
        }
      }
      throw new IllegalStateException("The active model run changed " + MAX_ATTEMPTS + " times while "
          + ids.size() + " customers were being re-scored");
    } finally {
      sample.stop(timer);
    }
  }

  /**
   * No run is active: nothing to score, but a first run may be reading and fitting now, from a snapshot that may
   * predate these customers' change. Logging them makes its activation re-score them ({@link #takeSince}).
   *
   * @return 0, or null when a run became active before the lock was taken
   */
  private @Nullable Integer noteWithoutRun(Handle h, List<String> ids) {
    if (runs.lockPointer(h) != null) {
      return null;
    }
    List<Long> queued = queued(h, ids);
    log(h, ids);
    dequeue(h, queued);
    return 0;
  }

  /** @return how many are scored now, or null when another run became active before the lock was taken */
  private @Nullable Integer rescoreLocked(Handle h, long runId, ActiveRuns.RunModels models, List<String> ids) {
    // The pointer's lock: no activation, prune or other re-scoring until this commits.
    Long locked = runs.lockPointer(h);
    if (locked == null || locked != runId) {
      return null;
    }
    // Read before the orders: every change recorded by then has committed, so the orders read below include it.
    List<Long> queued = queued(h, ids);
    ModelRun run = models.run();
    List<CustomerRfm> summaries = summaries(h, run, ids);
    List<CustomerValue> values = summaries.isEmpty() ? List.of()
        : models.valueModel().values(summaries, run.valuation());
    h.createUpdate(access.sql("DELETE FROM {customer_scores} WHERE run_id = :run AND customer_id IN (<ids>)"))
        .bind("run", runId)
        .bindList("ids", ids)
        .execute();
    runs.insertScores(h.getConnection(), runId, values);
    log(h, ids);
    events.afterRescore(h, runId, values, ids, clock.instant(), run.data().currency().getCurrencyCode());
    dequeue(h, queued);
    return values.size();
  }

  /** @return the numbers of the rows of {@code changed_customers} that name these customers, committed by now */
  private List<Long> queued(Handle h, List<String> ids) {
    return h.createQuery(access.sql("SELECT seq FROM {changed_customers} WHERE customer_id IN (<ids>)"))
        .bindList("ids", ids)
        .mapTo(Long.class)
        .list();
  }

  /**
   * Deletes exactly the rows {@link #queued} read, in the transaction of the work that handled them: a row a batch
   * added after that read (its change not seen) stays for the next re-scoring.
   */
  private void dequeue(Handle h, List<Long> seqs) {
    for (int i = 0; i < seqs.size(); i += DEQUEUE_CHUNK) {
      h.createUpdate(access.sql("DELETE FROM {changed_customers} WHERE seq IN (<seqs>)"))
          .bindList("seqs", seqs.subList(i, Math.min(seqs.size(), i + DEQUEUE_CHUNK)))
          .execute();
    }
  }

  /** Records the customers as the newest entries of the re-scoring log (one row each). */
  private void log(Handle h, List<String> ids) {
    long last = h.createQuery(access.sql("SELECT COALESCE(MAX(seq), 0) FROM {rescore_log}")).mapTo(Long.class).one();
    h.createUpdate(access.sql("DELETE FROM {rescore_log} WHERE customer_id IN (<ids>)")).bindList("ids", ids).execute();
    long[] next = {last};
    RowInserter.insert(h.getConnection(), access.table("rescore_log"),
        "customer_id, seq", 2, ids, (ps, p, id) -> {
          ps.setString(p, id);
          ps.setLong(p + 1, ++next[0]);
        }, "the re-scoring log");
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
