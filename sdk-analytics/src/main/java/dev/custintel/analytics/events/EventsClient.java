package dev.custintel.analytics.events;

import java.time.Instant;
import java.util.List;

/**
 * The durable log of customer events that model runs emit ({@link EventRules}). Readers follow it by id: read
 * after the last id seen, and nothing is missed or repeated, including events written while the reader was away.
 *
 * <pre>{@code
 * long last = 0;
 * List<CustomerEvent> page = ci.events().read(EventQuery.after(last).withTypes(Set.of(EventType.CHURN_RISK_ALERT)));
 * for (CustomerEvent e : page) {
 *   notify(e.customerId(), e.payload().get("churnRisk"));
 *   last = e.id();
 * }
 * }</pre>
 */
public interface EventsClient {
  /**
   * @param query after which id, which types and customer, how many
   * @return the matching events in id order, at most {@code query.limit()}
   */
  List<CustomerEvent> read(EventQuery query);

  /** @return the id of the newest event ever written (0 for none), whether purged since or not */
  long latestId();

  /**
   * Deletes the events recorded before an instant (retention).
   *
   * @param before events with {@code occurredAt} earlier than this are deleted
   * @return how many were deleted
   */
  int purgeBefore(Instant before);
}
