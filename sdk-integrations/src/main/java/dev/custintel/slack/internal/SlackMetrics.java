package dev.custintel.slack.internal;

import dev.custintel.integrations.internal.http.TaggedMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The Slack helpers' meters: {@code custintel.slack.requests} (Web API attempts) and {@code custintel.slack.events}
 * (requests the events handler received), looked up as {@link TaggedMeters} describes. Not API.
 */
final class SlackMetrics {
  static final String REQUESTS = "custintel.slack.requests";
  static final String EVENTS = "custintel.slack.events";

  private final TaggedMeters<Timer> requests;
  private final TaggedMeters<Counter> events;

  SlackMetrics(MeterRegistry registry) {
    requests = TaggedMeters.timers(registry, REQUESTS, "Slack Web API requests, one per HTTP attempt",
        "method", "outcome");
    events = TaggedMeters.counters(registry, EVENTS,
        "Requests from Slack's Events API, by event type and what the handler did", "type", "outcome");
  }

  void request(String method, String outcome, long nanos) {
    requests.get(method, outcome).record(Duration.ofNanos(nanos));
  }

  void event(String type, String outcome) {
    events.get(type, outcome).increment();
  }
}
