package dev.custintel.spring.internal.health;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.spi.StoreAccess;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Up when the store's database answers a trivial query; down, with the failure's kind only, when it does not. */
public final class DatabaseHealthIndicator implements HealthIndicator {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public DatabaseHealthIndicator(CustomerIntelligence ci) {
    this.ci = ci;
  }

  @Override
  public Health health() {
    try {
      StoreAccess access = StoreAccess.of(ci.store());
      Integer one = access.read("Checking the database", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      return Health.up().withDetail("database", ci.databaseKind().name().toLowerCase(java.util.Locale.ROOT))
          .withDetail("answered", one != null && one == 1).build();
    } catch (RuntimeException e) {
      // The kind only: a message may hold a host name or a statement.
      return Health.down().withDetail("database", ci.databaseKind().name().toLowerCase(java.util.Locale.ROOT))
          .withDetail("error", e.getClass().getSimpleName()).build();
    }
  }
}
