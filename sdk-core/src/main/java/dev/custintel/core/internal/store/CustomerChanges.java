package dev.custintel.core.internal.store;

import dev.custintel.core.internal.customer.ProfileCache;
import dev.custintel.core.spi.StoreAccess;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
  /** How many registered listeners are durable: while any is, ingestion records its changes in the database. */
  private final AtomicInteger durable = new AtomicInteger();

  CustomerChanges(ProfileCache cache) {
    this.cache = cache;
  }

  /** @return a registration whose {@code close()} removes the listener */
  StoreAccess.Registration add(Consumer<Set<String>> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        listeners.remove(listener);
      }
    };
  }

  /**
   * Registers a durable listener: from now on (until the registration closes) every ingestion transaction records
   * the customers it changed in the table {@code changed_customers}.
   */
  StoreAccess.Registration addDurable(Consumer<Set<String>> listener) {
    StoreAccess.Registration plain = add(listener);
    durable.incrementAndGet();
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        plain.close();
        durable.decrementAndGet();
      }
    };
  }

  /** @return whether ingestion records the customers it changed in {@code changed_customers} */
  boolean recording() {
    return durable.get() > 0;
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
