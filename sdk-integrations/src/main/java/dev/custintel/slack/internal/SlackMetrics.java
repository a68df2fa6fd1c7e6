package dev.custintel.slack.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Slack helpers' meters: {@code custintel.slack.requests} (Web API attempts) and {@code custintel.slack.events}
 * (requests the events handler received). Looked up in our own maps rather than registered per use. Not API.
 */
final class SlackMetrics {
  static final String REQUESTS = "custintel.slack.requests";
  static final String EVENTS = "custintel.slack.events";

  private final MeterRegistry registry;
  private final Map<String, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> events = new ConcurrentHashMap<>();

  SlackMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void request(String method, String outcome, long nanos) {
    requests.computeIfAbsent(method + ' ' + outcome, k ->
            Timer.builder(REQUESTS)
                .description("Slack Web API requests, one per HTTP attempt")
                .tag("method", method)
                .tag("outcome", outcome)
                .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  void event(String type, String outcome) {
    events.computeIfAbsent(type + ' ' + outcome, k ->
            Counter.builder(EVENTS)
                .description("Requests from Slack's Events API, by event type and what the handler did")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry))
        .increment();
  }
}
