package dev.custintel.spring.internal.slack;

import dev.custintel.core.CustintelException;
import dev.custintel.slack.SlackEventsHandler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events handler's periodic jobs, as the examples' Slack bot runs them: tickets whose creation failed are tried
 * again every 5 minutes, expired event ids are purged every hour. (The handler's own pool resumes accepted work by
 * itself, every second, from the moment it is built.) One daemon thread; stopped by {@link #close()}, before the
 * handler closes.
 */
public final class SlackJobs implements AutoCloseable {
  /** How often failed tickets are tried again. */
  public static final Duration RETRY_EVERY = Duration.ofMinutes(5);
  /** How often expired event ids are purged. */
  public static final Duration PURGE_EVERY = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(SlackJobs.class);

  private final SlackEventsHandler handler;
  private final ScheduledExecutorService scheduler;

  /**
   * Starts the jobs.
   *
   * @param handler the handler whose jobs run
   */
  public SlackJobs(SlackEventsHandler handler) {
    this.handler = handler;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "custintel-slack-jobs");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::retryFailed, RETRY_EVERY.toSeconds(), RETRY_EVERY.toSeconds(),
        TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(this::purge, 60, PURGE_EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  /** Tries failed tickets again now; any failure is logged, and the job runs again at its next time. */
  void retryFailed() {
    run("Retrying failed Slack tickets", handler::retryFailed);
  }

  /** Purges expired event ids now; any failure is logged, and the job runs again at its next time. */
  void purge() {
    run("Purging old Slack event ids", handler::purgeExpiredEvents);
  }

  /** Runs a job, catching everything: an exception that escaped would cancel the job's schedule for good. */
  private static void run(String what, Runnable job) {
    try {
      job.run();
    } catch (CustintelException e) {
      LOG.warn("{} failed: {}", what, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("{} failed", what, e);
    }
  }

  /** @return whether the jobs were stopped */
  boolean stopped() {
    return scheduler.isShutdown();
  }

  /** Stops the jobs; a running one is interrupted. Idempotent. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
