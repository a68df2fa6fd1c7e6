package dev.custintel.spring.internal.events;

import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventQuery;
import dev.custintel.analytics.events.EventType;
import dev.custintel.analytics.events.EventsClient;
import dev.custintel.spring.internal.concurrent.DaemonThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;

/**
 * Fans the event log out to server-sent event clients.
 *
 * <p>One poller reads the log every poll interval after its shared position, whatever the number of clients, and
 * offers each page to every live client. A client starts by catching up on its own from the log (filtered, paged
 * reads after its start id), and joins the live feed once it has reached the shared position. Each client keeps the
 * id it has reached ({@code cursor}) and takes only greater ids, so the switch from catching up to live neither
 * skips nor repeats an event.
 *
 * <p>Writes go through a bounded queue per client, drained by a small pool of sender threads, one drain at a time
 * per client: the poller never writes to a socket. A client that is slow is dropped: when its queue is full while a
 * write to it is stuck, or when a write has been stuck for two heartbeat intervals (at least 1 s). Its stream is completed and
 * {@code custintel.sse.drops} counts it; it can reconnect with {@code Last-Event-ID} and resume from the log. A
 * client whose queue fills while its writes are moving (a burst larger than its buffer) is not dropped: it goes
 * back to reading the rest from the log on its own, then joins the live feed again.
 *
 * <p>Started and stopped with the context, before the web server stops, so that open streams do not hold a
 * graceful shutdown: stopping completes every stream.
 */
public final class EventBroadcaster implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(EventBroadcaster.class);
  private static final Object HEARTBEAT = new Object();

  /** An event ready to send: its JSON is written once and shared by every client. */
  private record Frame(long id, EventType type, String customerId, String json) {}

  private final EventsClient events;
  private final ObjectMapper json;
  private final Duration pollInterval;
  private final Duration heartbeat;
  private final int bufferSize;
  private final int pageSize;
  private final int senderThreads;
  private final long stallNanos;
  /** The clients being served: catching up or live. */
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  /** Every client whose stream is not completed yet, dropped ones included (stopping completes them). */
  private final Set<Subscriber> open = ConcurrentHashMap.newKeySet();
  private final Counter drops;
  private final Counter sent;
  private final Object lifecycle = new Object();
  /** Every event with an id up to this has been offered to the live clients; -1 until the first poll. */
  private volatile long position = -1;
  private volatile boolean running;
  private @Nullable ScheduledExecutorService poller;
  private @Nullable ExecutorService senders;

  /**
   * @param events the log
   * @param json the application's JSON mapper, so that events read as the REST API writes them
   * @param registry where the meters go
   * @param tags the meters' tags, such as {@code store=ci_}
   * @param pollInterval how often the shared poller reads the log
   * @param heartbeat how often every client gets a comment line
   * @param bufferSize the most messages waiting for one client before it is dropped
   * @param senderThreads the threads that write to the clients
   */
  public EventBroadcaster(EventsClient events, ObjectMapper json, MeterRegistry registry, Tags tags,
      Duration pollInterval, Duration heartbeat, int bufferSize, int senderThreads) {
    this.events = Objects.requireNonNull(events, "events");
    this.json = Objects.requireNonNull(json, "json");
    if (pollInterval.isNegative() || pollInterval.isZero() || heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("custintel.events.poll-interval and heartbeat must be positive");
    }
    if (bufferSize < 1 || senderThreads < 1) {
      throw new IllegalArgumentException("custintel.events.buffer-size and sender-threads must be at least 1");
    }
    this.pollInterval = pollInterval;
    this.heartbeat = heartbeat;
    this.bufferSize = bufferSize;
    this.pageSize = Math.min(EventQuery.MAX_LIMIT, bufferSize);
    this.senderThreads = senderThreads;
    // A write stuck this long means the client has stopped reading (not a pause of the server's own).
    this.stallNanos = Math.max(2 * heartbeat.toNanos(), Duration.ofSeconds(1).toNanos());
    Gauge.builder("custintel.sse.clients", subscribers, Set::size).tags(tags)
        .description("Clients connected to the event stream").register(registry);
    this.drops = Counter.builder("custintel.sse.drops").tags(tags)
        .description("Event stream clients dropped because their buffer was full").register(registry);
    this.sent = Counter.builder("custintel.sse.events.sent").tags(tags)
        .description("Events written to event stream clients").register(registry);
  }

  /**
   * Registers a client; it first catches up from the log after {@code afterId}, then follows the live feed.
   *
   * @param emitter the client's stream
   * @param afterId the client gets every matching event with a greater id
   * @param types only these types (empty for all)
   * @param customerId only this customer's events, or null
   */
  public void subscribe(SseEmitter emitter, long afterId, Set<EventType> types, @Nullable String customerId) {
    subscribe(emitter, afterId, types, customerId, () -> { });
  }

  /**
   * Adds a client, as {@link #subscribe(SseEmitter, long, Set, String)}, and tells when its stream ends.
   *
   * @param onEnd run once the stream has ended, for whatever reason (possibly more than once: make it idempotent)
   * @return ends the stream from outside, such as when its key is revoked: no more events, and the stream is
   *     completed by its own sender once any write in progress returns
   */
  public Runnable subscribe(SseEmitter emitter, long afterId, Set<EventType> types, @Nullable String customerId,
      Runnable onEnd) {
    Subscriber s = new Subscriber(emitter, afterId, Set.copyOf(types), customerId, bufferSize, onEnd);
    emitter.onCompletion(() -> s.end());
    emitter.onTimeout(() -> s.end());
    emitter.onError(e -> s.end());
    synchronized (lifecycle) {
      if (!running) {
        emitter.complete();
        onEnd.run();
        return () -> { };
      }
      open.add(s);
      subscribers.add(s);
    }
    if (s.done) { // the stream ended before it was registered
      subscribers.remove(s);
      if (s.completed.get()) {
        open.remove(s);
      }
      return () -> { };
    }
    schedule(s);
    return s::close;
  }

  /** @return how many clients are connected */
  public int clients() {
    return subscribers.size();
  }

  /** @return how many streams are not completed yet, dropped ones included */
  public int openStreams() {
    return open.size();
  }

  // --- the shared poller -----------------------------------------------------------------------------------------

  private void poll() {
    try {
      if (position < 0) {
        position = events.latestId();
        return;
      }
      long from = position;
      while (running) {
        List<CustomerEvent> page = events.read(EventQuery.after(from));
        if (page.isEmpty()) {
          return;
        }
        List<Frame> frames = new ArrayList<>(page.size());
        for (CustomerEvent e : page) {
          frames.add(frame(e));
        }
        long end = page.get(page.size() - 1).id();
        // First the position, then the offers: a client that goes live in between has reached the new position
        // (so the offer brings it nothing it has), or went live before the position moved (so it gets the offer).
        position = end;
        for (Subscriber s : subscribers) {
          s.offer(frames, end);
        }
        from = end;
        if (page.size() < EventQuery.MAX_LIMIT) {
          return;
        }
      }
    } catch (RuntimeException e) {
      // The database may be away: the position stays, and the next tick reads from it again.
      LOG.warn("Reading the event log for the stream failed: {}", e.toString());
    }
  }

  private void beat() {
    for (Subscriber s : subscribers) {
      s.offerHeartbeat();
    }
  }

  private Frame frame(CustomerEvent e) {
    return new Frame(e.id(), e.type(), e.customerId(), json.writeValueAsString(e));
  }

  private void schedule(Subscriber s) {
    if (s.scheduled.compareAndSet(false, true)) {
      ExecutorService pool = senders;
      try {
        if (pool == null) {
          throw new java.util.concurrent.RejectedExecutionException("stopped");
        }
        pool.execute(() -> drain(s));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Stopped: no drain of this client runs (the flag was ours), so completing here blocks on no write.
        s.finish();
        s.completeQuietly();
        s.scheduled.set(false);
      }
    }
  }

  // --- one client's draining path, on a sender thread ------------------------------------------------------------

  private void drain(Subscriber s) {
    try {
      if (s.done) {
        s.complete();
        return;
      }
      if (!s.live) {
        catchUp(s);
      }
      for (int n = 0; n < 1_000 && !s.done; n++) {
        Object item = s.queue.poll();
        if (item == null) {
          break;
        }
        send(s, item);
      }
      if (s.done) {
        s.complete();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away (or its stream was completed): it resumes with Last-Event-ID when it comes back.
      // Not completed here: after a failed write Spring MVC and the container end the request on their own, and a
      // complete() of ours then left Tomcat counting the request as in progress (which held a graceful shutdown).
      s.end();
    } catch (RuntimeException e) {
      LOG.warn("An event stream client failed and was closed: {}", e.toString());
      s.finish();
      s.completeQuietly();
    } finally {
      s.scheduled.set(false);
    }
    if (!s.done && (!s.live || !s.queue.isEmpty()) || s.done && !s.completed.get()) {
      schedule(s);
    }
  }

  /** One page of the log for a client that has not reached the shared position; it goes live when it has. */
  private void catchUp(Subscriber s) throws IOException {
    Object item;
    while ((item = s.queue.poll()) != null) {
      send(s, item); // what was queued before it fell back to the log: heartbeats, and ids up to its cursor
    }
    long latest = events.latestId();
    List<CustomerEvent> page = events.read(new EventQuery(s.cursor, s.types, s.customerId, pageSize));
    for (CustomerEvent e : page) {
      if (s.done) {
        return;
      }
      send(s, frame(e));
      s.cursor = e.id();
    }
    if (page.size() < pageSize) {
      synchronized (s) {
        // Every matching event up to 'latest' was committed before the read, so the page had them all.
        s.cursor = Math.max(s.cursor, latest);
        long shared = position;
        if (shared >= 0 && s.cursor >= shared) {
          s.live = true;
        }
      }
    }
  }

  private void send(Subscriber s, Object item) throws IOException {
    s.sendingSince = Math.max(1, System.nanoTime());
    try {
      if (item == HEARTBEAT) {
        s.emitter.send(SseEmitter.event().comment("heartbeat"));
        return;
      }
      Frame f = (Frame) item;
      s.emitter.send(SseEmitter.event().id(Long.toString(f.id())).name(f.type().wireName())
          .data(f.json(), MediaType.TEXT_PLAIN));
      sent.increment();
    } finally {
      s.sendingSince = 0;
    }
  }

  /** One client: its filter, its position and its queue. */
  private final class Subscriber {
    final SseEmitter emitter;
    final Set<EventType> types;
    final @Nullable String customerId;
    final ArrayBlockingQueue<Object> queue;
    final AtomicBoolean scheduled = new AtomicBoolean();
    final AtomicBoolean completed = new AtomicBoolean();
    /** The greatest id this client has been given or has no need of; guarded by this once live. */
    volatile long cursor;
    volatile boolean live;
    volatile boolean done;
    /** {@link System#nanoTime()} when the write in progress began; 0 when none is. */
    volatile long sendingSince;
    final Runnable onEnd;

    Subscriber(SseEmitter emitter, long cursor, Set<EventType> types, @Nullable String customerId, int capacity,
        Runnable onEnd) {
      this.emitter = emitter;
      this.onEnd = onEnd;
      this.cursor = cursor;
      this.types = types;
      this.customerId = customerId;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    boolean matches(Frame f) {
      return (types.isEmpty() || types.contains(f.type()))
          && (customerId == null || customerId.equals(f.customerId()));
    }

    /**
     * On the poller: a page of the log, ids up to {@code end}. When the queue cannot take it all, a client whose
     * writes are moving goes back to catching up from the log (the log is its overflow, nothing is lost); a client
     * whose write has been stuck for the stall limit is dropped.
     */
    void offer(List<Frame> frames, long end) {
      boolean any = false;
      synchronized (this) {
        if (!live || done) {
          return;
        }
        for (Frame f : frames) {
          if (f.id() > cursor && matches(f)) {
            if (!queue.offer(f)) {
              if (stalled()) {
                drop();
                return;
              }
              live = false; // cursor is the last id queued: the drain reads on from the log after it
              schedule(this);
              return;
            }
            cursor = f.id();
            any = true;
          }
        }
        cursor = Math.max(cursor, end);
      }
      if (any) {
        schedule(this);
      }
    }

    /** @return whether a write to this client has been blocked for longer than the stall limit */
    boolean stalled() {
      long since = sendingSince;
      return since != 0 && System.nanoTime() - since > stallNanos;
    }

    /** On the poller: a heartbeat, or the drop of a client whose write has been stuck for the stall limit. */
    void offerHeartbeat() {
      if (done) {
        return;
      }
      if (stalled()) {
        drop();
        return;
      }
      if (queue.offer(HEARTBEAT)) {
        schedule(this);
      }
    }

    /** The client is too slow. Its own drain completes the stream (once its write returns), never the poller. */
    private void drop() {
      if (!done) {
        done = true;
        subscribers.remove(this);
        queue.clear();
        drops.increment();
        LOG.info("Dropped a slow event stream client (a write stuck; buffer of {})", bufferSize);
        schedule(this);
      }
    }

    /**
     * The stream ended on its own (completed, timed out, failed or the client went away): Spring MVC and the
     * container end the request, and a complete() of ours must not interfere.
     */
    void end() {
      done = true;
      completed.set(true);
      subscribers.remove(this);
      open.remove(this);
      queue.clear();
      onEnd.run();
    }

    /** Ended from outside (its key was revoked): like a drop, its own drain completes the stream. */
    void close() {
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
      }
      subscribers.remove(this);
      queue.clear();
      schedule(this);
    }

    /** No more events for this client; the caller completes the stream. */
    void finish() {
      done = true;
      subscribers.remove(this);
      queue.clear();
    }

    void complete() {
      if (completed.compareAndSet(false, true)) {
        open.remove(this);
        onEnd.run();
        emitter.complete();
      }
    }

    void completeQuietly() {
      try {
        complete();
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }

  // --- lifecycle -------------------------------------------------------------------------------------------------

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (running) {
        return;
      }
      ScheduledThreadPoolExecutor scheduler =
          new ScheduledThreadPoolExecutor(1, DaemonThreads.named("custintel-events-poller"));
      scheduler.setRemoveOnCancelPolicy(true);
      ThreadPoolExecutor pool = new ThreadPoolExecutor(senderThreads, senderThreads, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), DaemonThreads.named("custintel-events-sender"));
      pool.allowCoreThreadTimeOut(true);
      senders = pool;
      poller = scheduler;
      running = true;
      scheduler.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      scheduler.scheduleAtFixedRate(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
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
      if (poller != null) {
        poller.shutdownNow();
      }
      pool = senders;
    }
    for (Subscriber s : List.copyOf(open)) {
      s.finish();
      if (pool != null && s.scheduled.compareAndSet(false, true)) {
        try {
          pool.execute(s::completeQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          s.completeQuietly();
        }
      }
    }
    if (pool != null) {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
          pool.shutdownNow(); // a client that stopped reading holds its writer until the socket times out
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the web server's graceful shutdown (which would otherwise wait for the open streams). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
