package dev.custintel.gorgias.internal;

import dev.custintel.integrations.internal.http.TaggedMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The client's meters (names and tags in {@code GorgiasClient}'s javadoc), looked up as {@link TaggedMeters}
 * describes. Not API.
 */
final class GorgiasMetrics {
  static final String REQUESTS = "custintel.gorgias.requests";
  static final String RETRIES = "custintel.gorgias.retries";
  static final String THROTTLE = "custintel.gorgias.throttle";

  private final TaggedMeters<Timer> requests;
  private final TaggedMeters<Counter> retries;
  private final TaggedMeters<Timer> throttles;

  GorgiasMetrics(MeterRegistry registry) {
    requests = TaggedMeters.timers(registry, REQUESTS, "Gorgias API requests, one per HTTP attempt",
        "operation", "method", "status", "outcome");
    retries = TaggedMeters.counters(registry, RETRIES, "Gorgias API requests sent again after a failed attempt",
        "operation", "reason");
    throttles = TaggedMeters.timers(registry, THROTTLE, "Waits imposed by the client-side Gorgias rate limiter",
        "operation");
  }

  void request(String operation, String method, String status, String outcome, long nanos) {
    requests.get(operation, method, status, outcome).record(Duration.ofNanos(nanos));
  }

  void retry(String operation, String reason) {
    retries.get(operation, reason).increment();
  }

  void throttled(String operation, Duration wait) {
    throttles.get(operation).record(wait);
  }
}
