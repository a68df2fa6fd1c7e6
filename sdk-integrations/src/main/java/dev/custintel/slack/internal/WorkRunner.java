package dev.custintel.slack.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the durable work of {@link WorkQueue}: an accepted item at once on the executor, and, on its own pool, what
 * is due in the database on start and every poll (work left by a stopped or crashed process, by another node, or
 * put back to wait). Each run holds a lease renewed every third of its length while it works. {@link #close}
 * stops taking work, lets the runs finish for a bounded time, and says how many items stay queued for the next
 * start. Not API.
 */
final class WorkRunner {
  private static final Logger LOG = LoggerFactory.getLogger(WorkRunner.class);
  /** Runs after which an item that keeps failing (not a ticket failing: that is recorded) is given up. */
  static final int MAX_RUNS = 10;
  static final Duration LEASE = Duration.ofSeconds(15);
  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /** What a run of an item ended with. */
  sealed interface Result {
    /** The work is done (its effects, or their failures, are recorded elsewhere). */
    record Done() implements Result {}

    /** Our own rate limiter held a read back: the item waits, and this run does not count. */
    record HeldBack(Duration retryAfter) implements Result {}
  }

  private final HandlerSettings settings;
  private final WorkQueue queue;
  private final Executor executor;
  private final @Nullable ExecutorService ownedPool;
  private final @Nullable ScheduledExecutorService scheduler;
  private final Function<WorkItem, Result> work;
  private final String owner = UUID.randomUUID().toString();
  private final Set<String> local = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stopping = new AtomicBoolean();

  /**
   * @param ownedPool the handler's own worker pool, also {@code executor}; null when the host gave the executor
   *     (then the host resumes due work with {@link #resumeDue()})
   * @param scheduler renews leases, and polls when there is an owned pool
   */
  WorkRunner(HandlerSettings settings, WorkQueue queue, Executor executor, @Nullable ExecutorService ownedPool,
      @Nullable ScheduledExecutorService scheduler, Function<WorkItem, Result> work) {
    this.settings = settings;
    this.queue = queue;
    this.executor = executor;
    this.ownedPool = ownedPool;
    this.scheduler = scheduler;
    this.work = work;
  }

  /** Starts renewing leases and, with an owned pool, resuming due work now and every poll. */
  void start() {
    if (scheduler == null) {
      return;
    }
    long renewMs = LEASE.toMillis() / 3;
    scheduler.scheduleWithFixedDelay(this::renew, renewMs, renewMs, TimeUnit.MILLISECONDS);
    if (ownedPool != null) {
      scheduler.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Runs a just-accepted item on the executor; if the executor refuses, the item waits in the database. */
  void dispatch(String eventId) {
    if (stopping.get() || !local.add(eventId)) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          runOne(eventId);
        } finally {
          local.remove(eventId);
        }
      });
    } catch (RejectedExecutionException e) {
      local.remove(eventId);
      LOG.warn("The executor refused Slack event {}; its work waits in the database to be resumed", eventId);
    }
  }

  /**
   * Runs the due items (up to 100) on the calling thread.
   *
   * @return how many were run
   */
  int resumeDue() {
    int ran = 0;
    for (String id : queue.due(now(), 100)) {
      if (stopping.get()) {
        break;
      }
      if (local.add(id)) {
        try {
          ran += runOne(id) ? 1 : 0;
        } finally {
          local.remove(id);
        }
      }
    }
    return ran;
  }

  private void poll() {
    try {
      if (stopping.get() || !(ownedPool instanceof ThreadPoolExecutor pool)) {
        return;
      }
      int free = pool.getMaximumPoolSize() - pool.getActiveCount() - pool.getQueue().size();
      if (free <= 0) {
        return;
      }
      List<String> due = queue.due(now(), free + local.size());
      for (String id : due) {
        dispatch(id);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not look for due Slack work: {}", e.getMessage());
    }
  }

  private void renew() {
    try {
      queue.renew(owner, now().plus(LEASE));
    } catch (RuntimeException e) {
      LOG.warn("Could not renew the leases of running Slack work: {}", e.getMessage());
    }
  }

  /** @return whether the item was claimed and run */
  private boolean runOne(String eventId) {
    if (stopping.get()) {
      return false; // stays queued for the next start
    }
    Instant now = now();
    WorkItem item;
    try {
      item = queue.claim(eventId, owner, now, now.plus(LEASE)).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("Could not take Slack event {}'s work: {}", eventId, e.getMessage());
      return false;
    }
    if (item == null) {
      return false; // done, or held by another run
    }
    if (item.runs() > 1) {
      LOG.info("Resuming Slack event {}'s work ({}, run {})", eventId, item.kind(), item.runs());
    }
    try {
      Result result = work.apply(item);
      if (result instanceof Result.HeldBack held) {
        queue.requeue(eventId, owner, now().plus(held.retryAfter()), false, now());
      } else {
        queue.done(eventId, owner);
      }
    } catch (RuntimeException e) {
      failed(item, e);
    }
    return true;
  }

  private void failed(WorkItem item, RuntimeException e) {
    try {
      if (item.runs() >= MAX_RUNS) {
        LOG.error("Giving up Slack event {}'s work ({}) after {} runs: {}", item.eventId(), item.kind(), item.runs(),
            e.toString());
        queue.done(item.eventId(), owner);
      } else {
        Duration backoff = Duration.ofSeconds(1L << Math.min(item.runs(), 9));
        Duration wait = backoff.compareTo(MAX_BACKOFF) < 0 ? backoff : MAX_BACKOFF;
        LOG.warn("Slack event {}'s work ({}) failed, run {}; again in {} s: {}", item.eventId(), item.kind(),
            item.runs(), wait.toSeconds(), e.toString());
        queue.requeue(item.eventId(), owner, now().plus(wait), true, now());
      }
    } catch (RuntimeException again) {
      // The lease expires and the item is due again.
      LOG.warn("Could not put Slack event {}'s work back: {}", item.eventId(), again.getMessage());
    }
  }

  /**
   * Stops taking work; lets the running items finish for up to {@link #CLOSE_WAIT} (own pool only); logs how many
   * items stay in the database for the next start.
   */
  void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    boolean finished = true;
    if (ownedPool != null) {
      ownedPool.shutdown();
      try {
        finished = ownedPool.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finished = false;
      }
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    int left;
    try {
      left = queue.size();
    } catch (RuntimeException e) {
      LOG.warn("Slack events handler closed; could not count the work left in the database: {}", e.getMessage());
      return;
    }
    if (!finished && ownedPool != null) {
      LOG.warn("Slack work still running after {} s; its leases expire within {} s and the next start takes it over",
          CLOSE_WAIT.toSeconds(), LEASE.toSeconds());
      ownedPool.shutdownNow();
    }
    if (left > 0) {
      LOG.warn("Slack events handler closed: {} Slack work {} left queued for the next start", left,
          left == 1 ? "item is" : "items are");
    }
  }

  private Instant now() {
    return settings.clock().instant();
  }
}
