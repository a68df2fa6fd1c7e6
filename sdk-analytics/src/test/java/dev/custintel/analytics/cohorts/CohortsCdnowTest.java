package dev.custintel.analytics.cohorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Cohorts of the whole CDNOW master file (69,659 purchases of 23,570 customers, all of whom bought first in the
 * first quarter of 1997), on H2 and PostgreSQL. The expected figures were counted from the raw file with a Python
 * script, without the SDK: each row one purchase at midnight UTC of its date; a customer's cohort is the month of
 * their earliest row; k is the month difference; "on or after" counts customers whose last row is in k or later.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortsCdnowTest extends OnBothDatabases {
  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().importFile(TestData.file("clv/CDNOW_master.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
  }

  @AfterParameterizedClassInvocation
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void monthlyCohorts_matchTheRawFile() {
    CohortTable t = ci.cohorts().retention(CohortRequest.monthly());

    assertThat(t.currency().getCurrencyCode()).isEqualTo("USD");
    assertThat(t.cohorts()).extracting(Cohort::label).containsExactly("1997-01", "1997-02", "1997-03");
    assertThat(t.cohorts()).extracting(Cohort::customers).containsExactly(7846L, 8476L, 7248L);
    // the data ends in June 1998: k runs to 17, 16 and 15
    assertThat(t.cohorts()).extracting(c -> c.periods().size()).containsExactly(18, 17, 16);
    assertThat(t.cohorts()).extracting(c -> c.periods().get(1).active()).containsExactly(1157L, 1312L, 1032L);
    assertThat(t.cohorts()).extracting(c -> c.periods().get(1).activeOnOrAfter())
        .containsExactly(3654L, 3861L, 3300L);

    Cohort jan = t.cohorts().get(0);
    CohortCell k0 = jan.periods().get(0);
    assertThat(k0.active()).isEqualTo(7846);
    assertThat(k0.activeOnOrAfter()).isEqualTo(7846);
    assertThat(k0.retention()).isEqualTo(1.0);
    assertThat(k0.orders()).isEqualTo(8928);
    assertThat(k0.revenue().amount()).isEqualByComparingTo("299060.17");
    CohortCell k1 = jan.periods().get(1);
    assertThat(k1.orders()).isEqualTo(1627);
    assertThat(k1.revenue().amount()).isEqualByComparingTo("61041.69");
    assertThat(k1.retention()).isCloseTo(1157.0 / 7846, within(1e-12));
    assertThat(k1.retentionOnOrAfter()).isCloseTo(3654.0 / 7846, within(1e-12));
    // (299,060.17 + 61,041.69) / 7,846 = 45.8962...
    assertThat(k1.cumulativeRevenuePerCustomer().amount()).isEqualByComparingTo("45.90");
    assertThat(jan.periods().get(17).active()).isEqualTo(498);
    assertThat(t.cohorts()).extracting(c -> c.periods().get(15).activeOnOrAfter())
        .containsExactly(1086L, 928L, 457L);

    long revenue = 0;
    long orders = 0;
    for (Cohort c : t.cohorts()) {
      for (CohortCell cell : c.periods()) {
        orders += cell.orders();
        revenue += cell.revenue().amount().movePointRight(2).longValueExact();
      }
    }
    assertThat(orders).as("every purchase in one cell").isEqualTo(69_659);
    assertThat(revenue).as("every cent in one cell").isEqualTo(250_031_563L);
  }

  @Test
  void weeklyAndRollingCohorts_matchTheRawFile() {
    CohortTable weeks = ci.cohorts().retention(CohortRequest.builder().period(CohortPeriod.WEEK).build());
    assertThat(weeks.cohorts()).hasSize(13);
    Cohort first = weeks.cohorts().get(0);
    assertThat(first.label()).isEqualTo("1997-W01");
    assertThat(first.start()).isEqualTo(LocalDate.of(1996, 12, 30));
    assertThat(first.customers()).isEqualTo(1102);
    assertThat(first.periods().get(1).active()).isEqualTo(56);
    assertThat(first.periods().get(2).active()).isEqualTo(72);

    CohortTable rolling = ci.cohorts().retention(CohortRequest.builder()
        .from(LocalDate.of(1997, 1, 15)).to(LocalDate.of(1997, 1, 15)).rollingDays(30).build());
    assertThat(rolling.cohorts()).extracting(Cohort::label).containsExactly("1997-01");
    List<CohortCell> cells = rolling.cohorts().get(0).periods();
    assertThat(cells.get(0).active()).isEqualTo(7846);
    assertThat(cells.get(1).active()).isEqualTo(1076);
    assertThat(cells.get(2).active()).isEqualTo(818);
  }

  /**
   * On PostgreSQL a table of 23,570 customers is computed in two halves on two connections sharing one snapshot.
   * With the pool's other connection taken, the second half cannot get one; the caller then counts it itself, and
   * the table is the same. On H2 (one statement) the two facades simply agree.
   */
  @Test
  void withNoSecondConnection_theTableIsTheSame() {
    CohortRequest weekly = CohortRequest.builder().period(CohortPeriod.WEEK).build();
    CohortTable split = ci.cohorts().retention(weekly);
    try (CustomerIntelligence single = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .maximumPoolSize(2).connectionTimeout(Duration.ofMillis(250)).build();
        Handle taken = StoreAccess.of(single.store()).jdbi().open()) {
      taken.createQuery("SELECT 1").mapTo(Integer.class).one(); // holds one of the two connections
      CohortTable whole = single.cohorts().retention(weekly);
      assertThat(whole.toCsv()).isEqualTo(split.toCsv());
      assertThat(whole.insights()).isEqualTo(split.insights());
    }
  }

  @Test
  void propertiesHoldInEveryCell() {
    for (CohortPeriod period : CohortPeriod.values()) {
      CohortTable t = ci.cohorts().retention(CohortRequest.builder().period(period).build());
      long customers = 0;
      for (Cohort c : t.cohorts()) {
        customers += c.customers();
        long previousOnOrAfter = Long.MAX_VALUE;
        java.math.BigDecimal previousValue = null;
        for (CohortCell cell : c.periods()) {
          assertThat(cell.active()).as("%s %s k=%d", period, c.label(), cell.index())
              .isLessThanOrEqualTo(cell.activeOnOrAfter());
          assertThat(cell.activeOnOrAfter()).isLessThanOrEqualTo(c.customers()).isLessThanOrEqualTo(previousOnOrAfter);
          previousOnOrAfter = cell.activeOnOrAfter();
          if (previousValue != null) { // CDNOW has no returns, so the value curve never falls
            assertThat(cell.cumulativeRevenuePerCustomer().amount()).isGreaterThanOrEqualTo(previousValue);
          }
          previousValue = cell.cumulativeRevenuePerCustomer().amount();
        }
      }
      assertThat(customers).as("%s: every customer in one cohort", period).isEqualTo(23_570);
    }
  }

  @Test
  void insightsCarryTheirNumbers() {
    CohortTable t = ci.cohorts().retention(CohortRequest.builder().period(CohortPeriod.WEEK).build());
    CohortInsight outlier = t.insights().stream()
        .filter(i -> i.kind() == CohortInsight.Kind.RETENTION_OUTLIER).findFirst().orElseThrow();
    Cohort named = t.cohorts().stream().filter(c -> c.label().equals(outlier.cohort())).findFirst().orElseThrow();
    assertThat(outlier.value()).isEqualTo(named.periods().get(3).retention());
    assertThat(outlier.metric()).isEqualTo("retention[3]");
    assertThat(outlier.text()).contains(outlier.cohort()).contains(String.format(java.util.Locale.ROOT, "%.1f%%",
        outlier.value() * 100));
    double mean = t.cohorts().stream().filter(c -> c.customers() >= 30)
        .mapToDouble(c -> c.periods().get(3).retention()).average().orElseThrow();
    for (Cohort c : t.cohorts()) {
      assertThat(Math.abs(c.periods().get(3).retention() - mean))
          .isLessThanOrEqualTo(Math.abs(outlier.value() - mean));
    }
  }
}
