package dev.custintel.spring.internal.health;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The active model run's age against a maximum: {@code UP} when younger, {@code OUT_OF_SERVICE} when older or when
 * no run is active, {@code DOWN} when the runs cannot be read. Details: the run's id, when it was made, its age and
 * the maximum.
 */
public final class ModelFreshnessHealthIndicator implements HealthIndicator {
  private final CustomerIntelligence ci;
  private final Duration maxAge;

  /**
   * @param ci the facade
   * @param maxAge the age past which the run is stale
   */
  public ModelFreshnessHealthIndicator(CustomerIntelligence ci, Duration maxAge) {
    this.ci = ci;
    this.maxAge = maxAge;
  }

  @Override
  public Health health() {
    Optional<ModelRun> active;
    try {
      active = ci.models().active();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
    if (active.isEmpty()) {
      return Health.status(Status.OUT_OF_SERVICE).withDetail("reason", "no active model run: POST /api/models/refresh")
          .withDetail("maxAge", maxAge.toString()).build();
    }
    ModelRun run = active.get();
    Instant now = ci.clock().instant();
    Duration age = Duration.between(run.createdAt(), now);
    Health.Builder health = age.compareTo(maxAge) <= 0 ? Health.up() : Health.status(Status.OUT_OF_SERVICE)
        .withDetail("reason", "the active run is older than custintel.models.max-age");
    return health.withDetail("runId", run.id()).withDetail("createdAt", run.createdAt().toString())
        .withDetail("age", age.toString()).withDetail("maxAge", maxAge.toString()).build();
  }
}
