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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The documented difference of {@link CohortRequest#zone()}, at the one such change since 1970: St John's clocks
 * went back from 1 November 2009 00:01 (−02:30) to 31 October 23:01 (−03:30). November began at 00:00 −02:30
 * (02:30Z), and from 02:31Z to 03:30Z the clocks showed 31 October again. A first purchase at 02:00Z (23:30 the
 * first time) is October's on both databases; one at 03:00Z (23:30 the second time) is November's on PostgreSQL
 * and, by its local date, October's on H2; 04:00Z (00:30 on 1 November) is November's on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortsRepeatedHourTest extends OnBothDatabases {
  private static final Currency CAD = Currency.getInstance("CAD");
  private static final ZoneId ST_JOHNS = ZoneId.of("America/St_Johns");
  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().ingest(IngestBatch.builder()
        .customer(Customer.of("before", "CA")).customer(Customer.of("repeated", "CA"))
        .customer(Customer.of("after", "CA"))
        .product(Product.of("P1", "Cod", "Food"))
        .order(order("o1", "before", "2009-11-01T02:00:00Z"))
        .order(order("o2", "repeated", "2009-11-01T03:00:00Z"))
        .order(order("o3", "after", "2009-11-01T04:00:00Z"))
        .build());
  }

  private static Order order(String id, String customer, String at) {
    return new Order(id, customer, Instant.parse(at), CAD, OrderKind.PURCHASE,
        List.of(new OrderLine("P1", 1, new BigDecimal("10.00"))));
  }

  @AfterParameterizedClassInvocation
  void close() {
    ci.close();
    database.close();
  }

  @Test
  void theRepeatedHourAcrossMidnight_isNovembersByInstantOnPostgresql_octobersByLocalDateOnH2() {
    CohortTable t = ci.cohorts().retention(CohortRequest.builder().zone(ST_JOHNS).build());

    long october = "postgresql".equals(databaseName) ? 1 : 2;
    assertThat(t.cohorts()).extracting(Cohort::start)
        .containsExactly(LocalDate.of(2009, 10, 1), LocalDate.of(2009, 11, 1));
    assertThat(t.cohorts()).extracting(Cohort::customers).containsExactly(october, 3 - october);
  }
}
