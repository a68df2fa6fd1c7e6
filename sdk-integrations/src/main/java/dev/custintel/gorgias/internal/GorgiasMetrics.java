package dev.custintel.gorgias.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's meters (names and tags in {@code GorgiasClient}'s javadoc). Meters are looked up in our own maps
 * rather than registered on every request. They are left registered on close: two clients of one registry share
 * them, and a meter removed under the other client would silently stop counting. Not API.
 */
final class GorgiasMetrics {
  static final String REQUESTS = "custintel.gorgias.requests";
  static final String RETRIES = "custintel.gorgias.retries";
  static final String THROTTLE = "custintel.gorgias.throttle";

  private final MeterRegistry registry;
  private final Map<String, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> retries = new ConcurrentHashMap<>();
  private final Map<String, Timer> throttles = new ConcurrentHashMap<>();

  GorgiasMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void request(String operation, String method, String status, String outcome, long nanos) {
    requests.computeIfAbsent(operation + ' ' + method + ' ' + status + ' ' + outcome, k ->
            Timer.builder(REQUESTS)
                .description("Gorgias API requests, one per HTTP attempt")
                .tag("operation", operation)
                .tag("method", method)
                .tag("status", status)
                .tag("outcome", outcome)
                .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  void retry(String operation, String reason) {
    retries.computeIfAbsent(operation + ' ' + reason, k ->
            Counter.builder(RETRIES)
                .description("Gorgias API requests sent again after a failed attempt")
                .tag("operation", operation)
                .tag("reason", reason)
                .register(registry))
        .increment();
  }

  void throttled(String operation, Duration wait) {
    throttles.computeIfAbsent(operation, k ->
            Timer.builder(THROTTLE)
                .description("Waits imposed by the client-side Gorgias rate limiter")
                .tag("operation", operation)
                .register(registry))
        .record(wait);
  }
}
