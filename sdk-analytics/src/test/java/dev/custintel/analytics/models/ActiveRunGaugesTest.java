package dev.custintel.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The active run's gauges, which the alert rules watch: NaN before the first run; after a run on the CDNOW sample,
 * the mean churn risk and the count at 0.8 or more equal those computed here from the stored scores, the age is
 * the run's; a newer run shows at once; closing the facade removes them.
 */
class ActiveRunGaugesTest extends OnBothDatabases {

  @Test
  void gauges_followTheActiveRun() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TestDatabase database = newDatabase.get()) {
      CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).meterRegistry(registry)
          .build();
      try {
        assertThat(gauge(registry, "custintel.churn.risk.mean")).isNaN();
        assertThat(gauge(registry, "custintel.model.active.age")).isNaN();
        assertThat(gauge(registry, "custintel.churn.customers.high")).isNaN();

        ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW,
            ImportOptions.defaults());
        ModelRun run = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 9, 30))
            .backtest(false).noAffinity().build());
        StoreAccess access = StoreAccess.of(ci.store());
        List<Double> pAlive = access.read("scores", h -> h.createQuery(access.sql(
                "SELECT p_alive FROM {customer_scores} WHERE run_id = " + run.id())).mapTo(Double.class).list());
        double mean = pAlive.stream().mapToDouble(p -> 1 - p).average().orElseThrow();
        long high = pAlive.stream().filter(p -> 1 - p >= 0.8).count();

        assertThat(gauge(registry, "custintel.churn.risk.mean")).isCloseTo(mean, within(1e-9));
        assertThat(gauge(registry, "custintel.churn.customers.high")).isEqualTo((double) high).isPositive();
        double age = gauge(registry, "custintel.model.active.age");
        assertThat(age).isBetween(0.0, 120.0);

        ModelRun later = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 6, 30))
            .backtest(false).noAffinity().build());
        List<Double> laterAlive = access.read("scores", h -> h.createQuery(access.sql(
                "SELECT p_alive FROM {customer_scores} WHERE run_id = " + later.id())).mapTo(Double.class).list());
        assertThat(gauge(registry, "custintel.churn.risk.mean"))
            .isCloseTo(laterAlive.stream().mapToDouble(p -> 1 - p).average().orElseThrow(), within(1e-9))
            .isNotCloseTo(mean, within(1e-6));
      } finally {
        ci.close();
      }
      assertThat(registry.find("custintel.churn.risk.mean").gauge()).isNull();
    }
  }

  private static double gauge(SimpleMeterRegistry registry, String name) {
    return registry.get(name).gauge().value();
  }
}
