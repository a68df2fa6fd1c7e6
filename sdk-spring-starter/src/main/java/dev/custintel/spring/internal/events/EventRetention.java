package dev.custintel.spring.internal.events;

import dev.custintel.analytics.events.EventsClient;
import dev.custintel.spring.internal.concurrent.DaemonThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes the events older than the retention from the log, every purge interval, on one daemon thread of its own.
 * Each run logs how many it deleted and counts them in {@code custintel.events.purged}; a run that fails (the
 * database is away) is logged without its SQL or connection details and the next run tries again. The first run
 * is one interval after start, so a server's start is not slowed by a large first purge.
 *
 * <p>Event ids go on after a purge, so the event stream's readers are not affected: a client that resumes after a
 * purged id reads after it, which is from the oldest event that is left.
 */
public final class EventRetention implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(EventRetention.class);

  private final EventsClient events;
  private final Clock clock;
  private final Duration retention;
  private final Duration interval;
  private final Counter purged;
  private final Object lifecycle = new Object();
  private @Nullable ScheduledThreadPoolExecutor timer;

  /**
   * @param events the log
   * @param clock gives "now"
   * @param registry where the counter goes
   * @param tags the counter's tags, such as {@code store=ci_}
   * @param retention events older than this are deleted; zero or negative turns the purge off
   * @param interval how often it runs
   */
  public EventRetention(EventsClient events, Clock clock, MeterRegistry registry, Tags tags, Duration retention,
      Duration interval) {
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (enabled() && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException("custintel.events.purge-interval must be positive (was " + interval + ")");
    }
    this.purged = Counter.builder("custintel.events.purged").tags(tags)
        .description("Events deleted from the log by the retention purge").register(registry);
  }

  /** @return whether a purge runs at all (a positive retention) */
  public boolean enabled() {
    return !retention.isNegative() && !retention.isZero();
  }

  /**
   * Deletes the events older than the retention now.
   *
   * @return how many were deleted, or -1 when the purge failed (it is logged)
   */
  public int purgeNow() {
    try {
      int n = events.purgeBefore(clock.instant().minus(retention));
      purged.increment(n);
      LOG.info("Event retention: deleted {} events older than {}", n, retention);
      return n;
    } catch (RuntimeException e) {
      // The class only: a data access failure's message may name the statement or the server.
      LOG.warn("Event retention: the purge failed ({}); it runs again in {}", e.getClass().getSimpleName(), interval);
      LOG.debug("Event retention failure", e);
      return -1;
    }
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (timer != null || !enabled()) {
        if (!enabled()) {
          LOG.info("Event retention is off (custintel.events.retention={}): events are kept", retention);
        }
        return;
      }
      ScheduledThreadPoolExecutor t =
          new ScheduledThreadPoolExecutor(1, DaemonThreads.named("custintel-events-retention"));
      t.setRemoveOnCancelPolicy(true);
      long ms = interval.toMillis();
      t.scheduleWithFixedDelay(this::purgeNow, ms, ms, TimeUnit.MILLISECONDS);
      timer = t;
      LOG.info("Event retention: events older than {} are deleted every {}", retention, interval);
    }
  }

  @Override
  public void stop() {
    synchronized (lifecycle) {
      if (timer != null) {
        timer.shutdownNow();
        timer = null;
      }
    }
  }

  @Override
  public boolean isRunning() {
    synchronized (lifecycle) {
      return timer != null;
    }
  }
}
