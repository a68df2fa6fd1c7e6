package dev.custintel.spring.internal.security;

import dev.custintel.spring.internal.concurrent.DaemonThreads;
import dev.custintel.spring.internal.security.ApiKeyFilter.KeyPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.Authentication;

/**
 * Ends long-lived connections (the dashboard socket, the event stream) whose API key was revoked after they opened.
 * A key is checked when a request starts; these connections then last for hours, so every interval the keys of the
 * open ones are checked again (one lookup per distinct key, through {@link KeyVerifier#stillActive}), and the
 * connections of a key that is no longer active are closed and counted in {@code custintel.security.revoked.closed}.
 * A check that fails (the database is away) keeps the connections until a check can tell. Thread-safe.
 */
public final class KeyRevocations implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRevocations.class);

  /** A watched connection; closing it stops the watch (idempotent). */
  @FunctionalInterface
  public interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  private final KeyVerifier verifier;
  private final Duration interval;
  private final Counter closed;
  private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
  private final Object lifecycle = new Object();
  private @Nullable ScheduledExecutorService scheduler;

  /** The connections of one key. */
  private record Entry(KeyPrincipal key, Set<Runnable> closers) {}

  /**
   * @param verifier the verifier that accepted the keys
   * @param interval how often the keys of open connections are checked again
   */
  public KeyRevocations(KeyVerifier verifier, Duration interval, MeterRegistry registry, Tags tags) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("custintel.security.revocation-check-interval must be positive");
    }
    this.interval = interval;
    this.closed = Counter.builder("custintel.security.revoked.closed")
        .description("Long-lived connections (dashboard socket, event stream) closed because their key was revoked")
        .tags(tags)
        .register(registry);
  }

  /**
   * @param principal the connection's authenticated principal (a Spring Security authentication of an API key), or
   *     null when the API is open (security off): then nothing is watched
   * @return the key behind it, when it is one
   */
  public static Optional<KeyPrincipal> keyOf(@Nullable Principal principal) {
    if (principal instanceof Authentication a && a.getPrincipal() instanceof KeyPrincipal key) {
      return Optional.of(key);
    }
    return Optional.empty();
  }

  /**
   * Watches a connection of the key.
   *
   * @param key the key that opened it
   * @param closer closes the connection once the key is revoked; run at most once
   * @return the watch, to close when the connection ends
   */
  public Watch watch(KeyPrincipal key, Runnable closer) {
    Objects.requireNonNull(closer, "closer");
    byKey.compute(key.id(), (id, e) -> {
      Entry entry = e != null ? e : new Entry(key, ConcurrentHashMap.newKeySet());
      entry.closers().add(closer);
      return entry;
    });
    return () -> byKey.computeIfPresent(key.id(), (id, e) -> {
      e.closers().remove(closer);
      return e.closers().isEmpty() ? null : e;
    });
  }

  /** Checks every watched key once and closes the connections of those no longer active. */
  void check() {
    for (Entry entry : List.copyOf(byKey.values())) {
      boolean active;
      try {
        active = verifier.stillActive(entry.key());
      } catch (RuntimeException e) {
        LOG.debug("Could not check whether key {} is still active: {}", entry.key().id(), e.toString());
        continue;
      }
      if (active) {
        continue;
      }
      Entry gone = byKey.remove(entry.key().id());
      if (gone == null) {
        continue;
      }
      LOG.info("Closing {} connections of revoked API key {}", gone.closers().size(), gone.key().id());
      for (Runnable closer : gone.closers()) {
        try {
          closer.run();
        } catch (RuntimeException e) {
          LOG.debug("Closing a connection of a revoked key failed: {}", e.toString());
        }
        closed.increment();
      }
    }
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (scheduler != null) {
        return;
      }
      ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("custintel-key-watch"));
      s.scheduleWithFixedDelay(this::checkQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
      scheduler = s;
    }
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn("Checking the keys of open connections failed: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    synchronized (lifecycle) {
      if (scheduler != null) {
        scheduler.shutdownNow();
        scheduler = null;
      }
    }
  }

  @Override
  public boolean isRunning() {
    synchronized (lifecycle) {
      return scheduler != null;
    }
  }
}
