package dev.custintel.analytics.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event of the durable log.
 *
 * @param id its position in the log: ids grow by one per event, in the order the events were committed
 * @param type what happened
 * @param customerId to whom
 * @param occurredAt when it was recorded (the model run's time for events of a run)
 * @param runId the model run that caused it, or null
 * @param payload the figures behind it, by type: {@code churnRisk}, {@code enterLevel} and {@code exitLevel} for
 *     a churn alert; {@code ltv}, {@code currency}, {@code threshold} and {@code rule} for a high-value customer;
 *     {@code preset}, {@code from}, {@code to}, {@code r}, {@code f} and {@code m} for a segment change
 */
public record CustomerEvent(
    long id, EventType type, String customerId, Instant occurredAt, @Nullable Long runId, Map<String, Object> payload) {

  /** Copies the payload. */
  public CustomerEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    payload = Map.copyOf(payload);
  }
}
