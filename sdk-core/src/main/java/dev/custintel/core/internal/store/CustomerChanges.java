package dev.custintel.core.internal.store;

import dev.custintel.core.internal.customer.ProfileCache;
import dev.custintel.core.spi.StoreAccess;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after an ingestion transaction commits, with the ids of the customers it changed: first the
 * registered listeners (such as the analytics' re-scoring), then the profile cache drops those customers, so that a
 * profile read while a listener worked is not kept. A listener's failure is logged and counted by the listener
 * itself; it never fails the ingestion, which has committed. Thread-safe. Not API.
 */
final class CustomerChanges implements Consumer<Set<String>> {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerChanges.class);

  private final ProfileCache cache;
  private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

  CustomerChanges(ProfileCache cache) {
    this.cache = cache;
  }

  /** @return a registration whose {@code close()} removes the listener */
  StoreAccess.Registration add(Consumer<Set<String>> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> {
      listeners.remove(listener);
    };
  }

  @Override
  public void accept(Set<String> customerIds) {
    if (customerIds.isEmpty()) {
      return;
    }
    try {
      for (Consumer<Set<String>> listener : listeners) {
        try {
          listener.accept(customerIds);
        } catch (RuntimeException e) {
          // The batch is committed: its caller must not see it as failed. The message names no secret (database
          // failures arrive as DataAccessException, whose messages are scrubbed).
          LOG.warn("A listener of committed ingestion failed for {} customers: {}", customerIds.size(),
              e.toString());
        }
      }
    } finally {
      cache.invalidateAll(customerIds);
    }
  }
}
