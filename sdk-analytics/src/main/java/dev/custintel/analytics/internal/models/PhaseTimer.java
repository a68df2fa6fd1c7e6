package dev.custintel.analytics.internal.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The wall time of a model run's phases, in milliseconds by phase name, in the order first timed; a phase timed
 * twice (such as the basket read and the mining, both "affinity") adds up. Not thread-safe: one run, one timer.
 * Not API.
 */
final class PhaseTimer {
  private final long started = System.nanoTime();
  private final Map<String, Long> millis = new LinkedHashMap<>();

  <T> T time(String phase, Supplier<T> work) {
    long t = System.nanoTime();
    try {
      return work.get();
    } finally {
      millis.merge(phase, (System.nanoTime() - t) / 1_000_000, Long::sum);
    }
  }

  /** @return the phases so far */
  Map<String, Long> phases() {
    return new LinkedHashMap<>(millis);
  }

  /** @return nanoseconds since the timer was made */
  long elapsedNanos() {
    return System.nanoTime() - started;
  }
}
