package dev.custintel.analytics.events;

import java.time.Instant;
import java.util.List;
import java.util.Set;

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

  /**
   * The newest events, newest first: what a dashboard shows as "latest alerts" without following the log from its
   * start.
   *
   * @param types only these types (empty for all)
   * @param limit how many at most, 1 to {@link EventQuery#MAX_LIMIT}
   * @return the matching events in descending id order
   */
  List<CustomerEvent> newest(Set<EventType> types, int limit);

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
