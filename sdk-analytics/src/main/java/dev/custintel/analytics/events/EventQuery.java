package dev.custintel.analytics.events;

import dev.custintel.core.InvalidInputException;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which events to read: those after an id, of some types, of one customer, at most {@code limit} of them.
 *
 * @param afterId only events with a greater id (0 for all)
 * @param types only these types; empty for all
 * @param customerId only this customer's events; null for everyone's
 * @param limit at most this many, 1 to {@link #MAX_LIMIT}
 */
public record EventQuery(long afterId, Set<EventType> types, @Nullable String customerId, int limit) {
  /** The most events one read returns. */
  public static final int MAX_LIMIT = 1_000;

  /** Validates; a blank customer is refused, naming the field. */
  public EventQuery {
    if (afterId < 0) {
      throw InvalidInputException.argument("afterId", "must be 0 or more (was " + afterId + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
    if (customerId != null && customerId.isBlank()) {
      throw InvalidInputException.argument("customerId", "must not be blank (leave it out for every customer)");
    }
    types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
  }

  /**
   * @param afterId only events with a greater id
   * @return every type and customer, at most {@link #MAX_LIMIT}
   */
  public static EventQuery after(long afterId) {
    return new EventQuery(afterId, Set.of(), null, MAX_LIMIT);
  }

  /** @return this query with these types only */
  public EventQuery withTypes(Set<EventType> value) {
    return new EventQuery(afterId, value, customerId, limit);
  }

  /** @return this query for one customer */
  public EventQuery withCustomer(@Nullable String value) {
    return new EventQuery(afterId, types, value, limit);
  }

  /** @return this query with another limit */
  public EventQuery withLimit(int value) {
    return new EventQuery(afterId, types, customerId, value);
  }
}
