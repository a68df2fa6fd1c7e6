package dev.custintel.spring.internal.dashboard;

import dev.custintel.spring.internal.concurrent.DaemonThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

/**
 * Computes the dashboard's message once per interval and sends the same text to every open session.
 *
 * <p>One ticker thread computes, and only while a session is open: the computation counter grows with ticks, not
 * with sessions. A session that joins gets the latest message at once; when there is none younger than an interval
 * (no session was open), the ticker computes one right away. A computation that fails (the database is away)
 * sends the error message instead, keeps the sessions, and the next tick tries again.
 *
 * <p>Sends never run on the ticker. Each session has a mailbox of one message, the newest: a tick replaces what is
 * still waiting there, and a sender thread writes it, one write at a time per session, in tick order. A session
 * that stops reading therefore holds one sender thread and never more than one message, and its messages are
 * never sent out of order. (Spring's {@code ConcurrentWebSocketSessionDecorator} would queue every tick's stale
 * message behind a stuck write, and the thread that finds the lock free writes, so that either the ticker blocks
 * or sends from several threads overtake each other; a dashboard wants only the newest figures.) A session whose
 * write has taken longer than the send-time limit is closed with {@link CloseStatus#SESSION_NOT_RELIABLE} and
 * counted in {@code custintel.ws.drops}; on Tomcat its blocked write is bounded by the same limit.
 *
 * <p>Stopped with the context before the web server: every session is closed with 1001 (going away).
 */
public final class DashboardBroadcaster implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardBroadcaster.class);
  /** Tomcat's per-session bound on a blocking write, in milliseconds (a user property of its session). */
  static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  /** One computed message: its place in tick order and its text, shared by every session. */
  private record Snapshot(long seq, long computedNanos, TextMessage message) {}

  /** An open session and its mailbox. */
  private static final class Client {
    final WebSocketSession session;
    final AtomicReference<@Nullable Snapshot> pending = new AtomicReference<>();
    final AtomicBoolean draining = new AtomicBoolean();
    /** System.nanoTime() when the write in progress began; 0 while no write is in progress. */
    volatile long writingSince;
    /** The seq of the last message written; touched only by the one drain in progress. */
    long lastSent = -1;

    Client(WebSocketSession session) {
      this.session = session;
    }
  }

  private final Supplier<String> compute;
  private final Function<Instant, String> error;
  private final Clock clock;
  private final Duration interval;
  private final Duration sendTimeLimit;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Counter computations;
  private final Counter drops;
  private final Object lifecycle = new Object();
  private volatile @Nullable Snapshot latest;
  private long seq;
  private boolean failing;
  private volatile boolean running;
  private @Nullable ScheduledExecutorService ticker;
  private @Nullable ExecutorService senders;

  /**
   * @param messages the snapshot's and the error's text
   * @param clock gives the error message's time
   * @param registry where the meters go
   * @param tags the meters' tags, such as {@code store=ci_}
   * @param interval how often the message is computed while a session is open
   * @param sendTimeLimit how long one write to a session may take before the session is closed
   */
  public DashboardBroadcaster(DashboardMessages messages, Clock clock, MeterRegistry registry, Tags tags,
      Duration interval, Duration sendTimeLimit) {
    this(messages::snapshot, messages::error, clock, registry, tags, interval, sendTimeLimit);
  }

  /**
   * @param compute the snapshot's text; throws when it cannot be computed
   * @param error the error message's text at an instant
   * @param clock gives the error message's time
   * @param registry where the meters go
   * @param tags the meters' tags
   * @param interval how often the message is computed while a session is open
   * @param sendTimeLimit how long one write to a session may take before the session is closed
   */
  DashboardBroadcaster(Supplier<String> compute, Function<Instant, String> error,
      Clock clock, MeterRegistry registry, Tags tags, Duration interval, Duration sendTimeLimit) {
    this.compute = Objects.requireNonNull(compute, "compute");
    this.error = Objects.requireNonNull(error, "error");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (interval.isNegative() || interval.isZero() || sendTimeLimit.isNegative() || sendTimeLimit.isZero()) {
      throw new IllegalArgumentException("custintel.dashboard.interval and send-time-limit must be positive");
    }
    this.interval = interval;
    this.sendTimeLimit = sendTimeLimit;
    Gauge.builder("custintel.ws.clients", clients, Map::size).tags(tags)
        .description("Open sessions of the dashboard WebSocket").register(registry);
    this.computations = Counter.builder("custintel.dashboard.computations").tags(tags)
        .description("Computations of the dashboard's figures (one per tick, whatever the sessions)")
        .register(registry);
    this.drops = Counter.builder("custintel.ws.drops").tags(tags)
        .description("Dashboard sessions closed because a write to them took longer than the send-time limit")
        .register(registry);
  }

  /**
   * A session opened: it gets the latest message at once, then every tick's.
   *
   * @param session the session
   */
  public void join(WebSocketSession session) {
    Client c = new Client(session);
    boundTomcatWrites(session);
    ScheduledExecutorService t;
    synchronized (lifecycle) {
      t = ticker;
      if (!running || t == null) {
        closeQuietly(c, CloseStatus.GOING_AWAY);
        return;
      }
      clients.put(session.getId(), c);
    }
    Snapshot s = latest;
    if (s != null && fresh(s)) {
      offer(c, s);
      return;
    }
    try {
      t.execute(this::refresh);
    } catch (RejectedExecutionException e) {
      // stopping: stop() closes the session
    }
  }

  /**
   * A session closed or failed.
   *
   * @param session the session
   */
  public void leave(WebSocketSession session) {
    clients.remove(session.getId());
  }

  /** @return how many sessions are open */
  public int clients() {
    return clients.size();
  }

  private boolean fresh(Snapshot s) {
    return System.nanoTime() - s.computedNanos() < interval.toNanos();
  }

  /** On the ticker, for a session that joined without a fresh message: compute one unless a tick just did. */
  private void refresh() {
    Snapshot s = latest;
    if (s != null && fresh(s)) {
      clients.values().forEach(c -> offer(c, s));
    } else {
      tick();
    }
  }

  /** On the ticker: compute once and offer the same text to every session. */
  private void tick() {
    try {
      if (clients.isEmpty()) {
        return;
      }
      dropStalled();
      Snapshot s = new Snapshot(++seq, System.nanoTime(), new TextMessage(computeText()));
      latest = s;
      clients.values().forEach(c -> offer(c, s));
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: keep ticking whatever happened.
      LOG.warn("Dashboard tick failed: {}", e.getClass().getName());
    }
  }

  private String computeText() {
    computations.increment();
    try {
      String text = compute.get();
      if (failing) {
        LOG.info("Dashboard figures are computed again");
        failing = false;
      }
      return text;
    } catch (RuntimeException e) {
      if (!failing) {
        // The class only: a data access failure's message may name the statement or the server.
        LOG.warn("Dashboard figures could not be computed ({}); the sessions stay open and the next tick tries"
            + " again", e.getClass().getSimpleName());
        LOG.debug("Dashboard computation failure", e);
        failing = true;
      }
      return error.apply(clock.instant());
    }
  }

  private void dropStalled() {
    long now = System.nanoTime();
    for (Client c : clients.values()) {
      long since = c.writingSince;
      if (since != 0 && now - since > sendTimeLimit.toNanos() && clients.remove(c.session.getId(), c)) {
        drops.increment();
        LOG.info("Dashboard session {} dropped: a write has taken longer than {}", c.session.getId(), sendTimeLimit);
        execute(() -> closeQuietly(c, CloseStatus.SESSION_NOT_RELIABLE));
      }
    }
  }

  private void offer(Client c, Snapshot s) {
    c.pending.accumulateAndGet(s, (old, now) -> old == null || now.seq() > old.seq() ? now : old);
    if (c.draining.compareAndSet(false, true) && !execute(() -> drain(c))) {
      c.draining.set(false);
    }
  }

  /** On a sender thread: writes the mailbox's message until it stays empty. */
  private void drain(Client c) {
    while (true) {
      Snapshot s = c.pending.getAndSet(null);
      if (s == null) {
        c.draining.set(false);
        // A message offered after the getAndSet but before draining was cleared would otherwise wait a tick.
        if (c.pending.get() == null || !c.draining.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      if (s.seq() <= c.lastSent || !c.session.isOpen() || !clients.containsKey(c.session.getId())) {
        continue;
      }
      c.writingSince = System.nanoTime() | 1; // never 0 while writing
      try {
        c.session.sendMessage(s.message());
        c.lastSent = s.seq();
      } catch (IOException | RuntimeException e) {
        LOG.debug("Dashboard session {} failed a write: {}", c.session.getId(), e.toString());
        clients.remove(c.session.getId(), c);
        closeQuietly(c, CloseStatus.SERVER_ERROR);
      } finally {
        c.writingSince = 0;
      }
    }
  }

  private boolean execute(Runnable task) {
    ExecutorService pool = senders;
    if (pool == null) {
      return false;
    }
    try {
      pool.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private static void closeQuietly(Client c, CloseStatus status) {
    try {
      if (c.session.isOpen()) {
        c.session.close(status);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing dashboard session {}: {}", c.session.getId(), e.toString());
    }
  }

  /** Tomcat bounds a blocking write by this user property of its session (20 s by default). */
  private void boundTomcatWrites(WebSocketSession session) {
    if (session instanceof StandardWebSocketSession standard) {
      try {
        standard.getNativeSession().getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimit.toMillis());
      } catch (RuntimeException e) {
        LOG.debug("Could not bound the session's writes: {}", e.toString());
      }
    }
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (running) {
        return;
      }
      ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("custintel-dashboard"));
      t.setRemoveOnCancelPolicy(true);
      // At most one write per session is in progress, so the threads are bounded by the sessions; idle ones go.
      senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
          DaemonThreads.named("custintel-dashboard-sender"));
      ticker = t;
      running = true;
      // Fixed delay, not rate: a computation slower than the interval (a loaded database) is not followed at once by
      // the ticks it overran.
      t.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void stop() {
    ExecutorService pool;
    synchronized (lifecycle) {
      if (!running) {
        return;
      }
      running = false;
      if (ticker != null) {
        ticker.shutdownNow();
        ticker = null;
      }
      pool = senders;
    }
    List<Client> open = List.copyOf(clients.values());
    clients.clear();
    for (Client c : open) {
      // Each close on its own thread: a session that stopped reading must not hold up the others' close frames.
      if (!execute(() -> closeQuietly(c, CloseStatus.GOING_AWAY))) {
        closeQuietly(c, CloseStatus.GOING_AWAY);
      }
    }
    if (pool != null) {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(Math.max(1, Math.min(sendTimeLimit.toSeconds(), 5)), TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
      }
    }
    synchronized (lifecycle) {
      senders = null;
      latest = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the web server's graceful shutdown and stop, so that sessions see 1001 rather than a cut. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
