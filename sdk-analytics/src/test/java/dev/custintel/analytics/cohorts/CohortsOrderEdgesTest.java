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
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Orders at the edges of "the first purchase", where PostgreSQL's ordered pass and H2's grouping statement must
 * agree; the expected values are worked out by hand (EUR, UTC):
 *
 * <pre>
 * e1  2024-01-05 returns 3.00 (before any purchase: not counted); 2024-01-10T10:00 buys 20.00 and returns 4.00 at
 *     the same instant (counted); 2024-03-02 buys 10.00; 2024-03-20 buys 5.00 (second purchase in March)
 * e2  2024-01-20T12:00 buys 7.00 and 8.00 at the same instant; 2024-02-03 returns 2.00 (its only February order)
 * e3  2024-01-15 returns 9.00 (never buys: no cohort)
 * e4  2024-02-01T08:00 returns 1.00, 09:00 buys 6.00 (the return, earlier the same month, is not counted);
 *     2024-04-10T10:00 buys 3.00 (the data's end)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortsOrderEdgesTest extends OnBothDatabases {
  private static final Currency EUR = Currency.getInstance("EUR");
  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().ingest(IngestBatch.builder()
        .customer(Customer.of("e1", "FR")).customer(Customer.of("e2", "FR"))
        .customer(Customer.of("e3", "FR")).customer(Customer.of("e4", "FR"))
        .product(Product.of("P1", "Coffee", "Coffee"))
        .order(order("a1", "e1", "2024-01-05T10:00:00Z", OrderKind.RETURN, "3.00"))
        .order(order("a2", "e1", "2024-01-10T10:00:00Z", OrderKind.PURCHASE, "20.00"))
        .order(order("a3", "e1", "2024-01-10T10:00:00Z", OrderKind.RETURN, "4.00"))
        .order(order("a4", "e1", "2024-03-02T10:00:00Z", OrderKind.PURCHASE, "10.00"))
        .order(order("a5", "e1", "2024-03-20T10:00:00Z", OrderKind.PURCHASE, "5.00"))
        .order(order("b1", "e2", "2024-01-20T12:00:00Z", OrderKind.PURCHASE, "7.00"))
        .order(order("b2", "e2", "2024-01-20T12:00:00Z", OrderKind.PURCHASE, "8.00"))
        .order(order("b3", "e2", "2024-02-03T10:00:00Z", OrderKind.RETURN, "2.00"))
        .order(order("c1", "e3", "2024-01-15T10:00:00Z", OrderKind.RETURN, "9.00"))
        .order(order("d1", "e4", "2024-02-01T08:00:00Z", OrderKind.RETURN, "1.00"))
        .order(order("d2", "e4", "2024-02-01T09:00:00Z", OrderKind.PURCHASE, "6.00"))
        .order(order("d3", "e4", "2024-04-10T10:00:00Z", OrderKind.PURCHASE, "3.00"))
        .build());
  }

  private static Order order(String id, String customer, String at, OrderKind kind, String amount) {
    return new Order(id, customer, Instant.parse(at), EUR, kind,
        List.of(new OrderLine("P1", 1, new BigDecimal(amount))));
  }

  @AfterParameterizedClassInvocation
  void close() {
    ci.close();
    database.close();
  }

  @Test
  void monthly_returnsBeforeTheFirstPurchaseAreLeftOut_tiesAreCountedOnce() {
    CohortTable t = ci.cohorts().retention(CohortRequest.builder().currency(EUR).build());

    assertThat(t.cohorts()).extracting(Cohort::label).containsExactly("2024-01", "2024-02");
    assertThat(t.cohorts()).extracting(Cohort::customers).containsExactly(2L, 1L);
    Cohort jan = t.cohorts().get(0);
    assertThat(jan.periods()).extracting(CohortCell::active).containsExactly(2L, 0L, 1L, 0L);
    assertThat(jan.periods()).extracting(CohortCell::activeOnOrAfter).containsExactly(2L, 1L, 1L, 0L);
    assertThat(jan.periods()).extracting(CohortCell::orders).containsExactly(3L, 0L, 2L, 0L);
    // January: 20 − 4 (same instant as the first purchase) + 7 + 8; February: e2's return only
    assertThat(jan.periods()).extracting(c -> c.revenue().amount().toPlainString())
        .containsExactly("31.00", "-2.00", "15.00", "0.00");
    Cohort feb = t.cohorts().get(1);
    assertThat(feb.periods()).extracting(CohortCell::active).containsExactly(1L, 0L, 1L);
    assertThat(feb.periods()).extracting(CohortCell::activeOnOrAfter).containsExactly(1L, 1L, 1L);
    assertThat(feb.periods()).extracting(c -> c.revenue().amount().toPlainString())
        .containsExactly("6.00", "0.00", "3.00");
  }

  @Test
  void rollingThirtyDays_sameEdges() {
    CohortTable t = ci.cohorts().retention(CohortRequest.builder().currency(EUR).rollingDays(30).build());

    assertThat(t.cohorts()).extracting(Cohort::customers).containsExactly(2L, 1L);
    Cohort jan = t.cohorts().get(0); // e1 from 2024-01-10T10:00: 2024-03-02 is day 52 (k = 1), 2024-03-20 day 70
    assertThat(jan.periods()).extracting(CohortCell::active).containsExactly(2L, 1L, 1L, 0L);
    assertThat(jan.periods()).extracting(CohortCell::activeOnOrAfter).containsExactly(2L, 1L, 1L, 0L);
    assertThat(jan.periods()).extracting(CohortCell::orders).containsExactly(3L, 1L, 1L, 0L);
    assertThat(jan.periods()).extracting(c -> c.revenue().amount().toPlainString())
        .containsExactly("29.00", "10.00", "5.00", "0.00"); // e2's return is day 13 of e2: k = 0
    Cohort feb = t.cohorts().get(1); // e4 from 2024-02-01T09:00: 2024-04-10T10:00 is day 69 (k = 2)
    assertThat(feb.periods()).extracting(CohortCell::active).containsExactly(1L, 0L, 1L);
    assertThat(feb.periods()).extracting(c -> c.revenue().amount().toPlainString())
        .containsExactly("6.00", "0.00", "3.00");
  }
}
