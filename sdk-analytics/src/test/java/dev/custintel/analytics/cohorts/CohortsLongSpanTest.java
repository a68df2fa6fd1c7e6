package dev.custintel.analytics.cohorts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Orders four centuries apart: more weeks than PostgreSQL's lookup among period start instants takes, so its period
 * keys come from local dates instead, which must give the same table. In +05:45, 1620-03-01T20:00Z is Monday
 * 2 March 1620, 01:45, and 2024-06-02T20:00Z Monday 3 June 2024, 01:45; 2024-06-02T18:00Z is Sunday 2 June 23:45.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortsLongSpanTest extends OnBothDatabases {
  private static final Currency EUR = Currency.getInstance("EUR");
  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().ingest(IngestBatch.builder()
        .customer(Customer.of("old", "FR")).customer(Customer.of("new", "FR"))
        .product(Product.of("P1", "Wine", "Wine"))
        .order(order("o1", "old", "1620-03-01T20:00:00Z", "10.00"))
        .order(order("o2", "old", "2024-06-02T20:00:00Z", "4.00"))
        .order(order("n1", "new", "2024-06-02T18:00:00Z", "7.00"))
        .build());
  }

  private static Order order(String id, String customer, String at, String amount) {
    return new Order(id, customer, java.time.Instant.parse(at), EUR, OrderKind.PURCHASE,
        List.of(new OrderLine("P1", 1, new BigDecimal(amount))));
  }

  @AfterParameterizedClassInvocation
  void close() {
    ci.close();
    database.close();
  }

  @Test
  void weeklyOverFourCenturies_localDatesGiveTheSameTable() {
    CohortTable t = ci.cohorts().retention(CohortRequest.builder()
        .period(CohortPeriod.WEEK).zone(ZoneOffset.of("+05:45")).build());

    LocalDate oldStart = LocalDate.of(1620, 3, 2);
    int lastK = (int) ChronoUnit.WEEKS.between(oldStart, LocalDate.of(2024, 6, 3));
    assertThat(lastK).isGreaterThan(20_000);
    assertThat(t.cohorts()).extracting(Cohort::start).containsExactly(oldStart, LocalDate.of(2024, 5, 27));
    Cohort old = t.cohorts().get(0);
    assertThat(old.periods()).hasSize(lastK + 1);
    assertThat(old.periods().get(0).active()).isEqualTo(1);
    assertThat(old.periods().get(lastK).active()).isEqualTo(1);
    assertThat(old.periods().get(lastK).revenue().amount()).isEqualByComparingTo("4.00");
    assertThat(old.periods().stream().mapToLong(CohortCell::active).sum()).isEqualTo(2);
    Cohort sunday = t.cohorts().get(1);
    assertThat(sunday.periods()).extracting(CohortCell::active).containsExactly(1L, 0L);
  }
}
