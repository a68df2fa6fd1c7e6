package dev.custintel.core.internal.imports;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ids of the orders a parser has most recently finished, with the line each ended on, at most a fixed number
 * (the oldest are forgotten first). Lets a parser of a layout whose orders must be adjacent spot an order that
 * comes back, with bounded memory. Not API.
 */
final class RecentOrderIds {
  private final Map<String, Long> lastLineById;

  /** @param capacity how many ids to remember, at least 1 */
  RecentOrderIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1 (was " + capacity + ")");
    }
    this.lastLineById =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * @param orderId an order that has ended
   * @param lastLine the line of its last row
   */
  void add(String orderId, long lastLine) {
    lastLineById.put(orderId, lastLine);
  }

  /**
   * @param orderId an order id
   * @return the last line of that order if it is one of the remembered ones, else null
   */
  @Nullable Long lastLineOf(String orderId) {
    return lastLineById.get(orderId);
  }

  /** @return how many ids are remembered */
  int size() {
    return lastLineById.size();
  }
}
