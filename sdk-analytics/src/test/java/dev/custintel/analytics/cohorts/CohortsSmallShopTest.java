package dev.custintel.analytics.cohorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.InvalidInputException;
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
 * A shop small enough to work every cell out by hand (the expected values below are that work), on H2 and
 * PostgreSQL:
 *
 * <pre>
 * c1 FR  2024-01-10 buys P1 10.00 EUR; 2024-02-05 buys P2 20.00; 2024-02-20 returns P2 5.00; 2024-04-01 buys P1 10.00
 * c2 DE  2024-01-31T23:30Z buys P2 15.00 (1 February in Paris); 2024-03-15 buys P1 30.00
 * c3 FR  2024-02-10 buys P3 (category Tea) 8.00
 * c4 FR  2024-01-01 buys P1 5.00 USD; 2024-03-01 buys P1 12.00 EUR
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortsSmallShopTest extends OnBothDatabases {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency USD = Currency.getInstance("USD");
  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().ingest(IngestBatch.builder()
        .customer(Customer.of("c1", "FR")).customer(Customer.of("c2", "DE"))
        .customer(Customer.of("c3", "FR")).customer(Customer.of("c4", "FR"))
        .product(Product.of("P1", "Coffee", "Coffee")).product(Product.of("P2", "Grinder", "Gear"))
        .product(Product.of("P3", "Sencha", "Tea"))
        .order(order("o1", "c1", "2024-01-10T10:00:00Z", EUR, OrderKind.PURCHASE, "P1", "10.00"))
        .order(order("o2", "c1", "2024-02-05T10:00:00Z", EUR, OrderKind.PURCHASE, "P2", "20.00"))
        .order(order("o3", "c1", "2024-02-20T10:00:00Z", EUR, OrderKind.RETURN, "P2", "5.00"))
        .order(order("o4", "c1", "2024-04-01T00:00:00Z", EUR, OrderKind.PURCHASE, "P1", "10.00"))
        .order(order("o5", "c2", "2024-01-31T23:30:00Z", EUR, OrderKind.PURCHASE, "P2", "15.00"))
        .order(order("o6", "c2", "2024-03-15T00:00:00Z", EUR, OrderKind.PURCHASE, "P1", "30.00"))
        .order(order("o7", "c3", "2024-02-10T10:00:00Z", EUR, OrderKind.PURCHASE, "P3", "8.00"))
        .order(order("o8", "c4", "2024-01-01T10:00:00Z", USD, OrderKind.PURCHASE, "P1", "5.00"))
        .order(order("o9", "c4", "2024-03-01T10:00:00Z", EUR, OrderKind.PURCHASE, "P1", "12.00"))
        .build());
  }

  private static Order order(String id, String customer, String at, Currency currency, OrderKind kind,
      String product, String amount) {
    return new Order(id, customer, Instant.parse(at), currency, kind,
        List.of(new OrderLine(product, 1, new BigDecimal(amount))));
  }

  @AfterParameterizedClassInvocation
  void close() {
    ci.close();
    database.close();
  }

  private CohortTable eur(CohortRequest.Builder b) {
    return ci.cohorts().retention(b.currency(EUR).build());
  }

  @Test
  void monthly_everyCellAsWorkedOutByHand() {
    CohortTable t = eur(CohortRequest.builder());

    assertThat(t.cohorts()).extracting(Cohort::label).containsExactly("2024-01", "2024-02", "2024-03");
    assertThat(t.cohorts()).extracting(Cohort::customers).containsExactly(2L, 1L, 1L);
    Cohort jan = t.cohorts().get(0);
    assertThat(jan.start()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(jan.periods()).extracting(CohortCell::active).containsExactly(2L, 1L, 1L, 1L);
    assertThat(jan.periods()).extracting(CohortCell::activeOnOrAfter).containsExactly(2L, 2L, 2L, 1L);
    assertThat(jan.periods()).extracting(CohortCell::orders).containsExactly(2L, 1L, 1L, 1L);
    assertThat(jan.periods()).extracting(c -> c.revenue().amount().toPlainString())
        .containsExactly("25.00", "15.00", "30.00", "10.00"); // February: 20.00 bought, 5.00 returned
    assertThat(jan.periods()).extracting(c -> c.cumulativeRevenuePerCustomer().amount().toPlainString())
        .containsExactly("12.50", "20.00", "35.00", "40.00");
    assertThat(jan.periods().get(3).retention()).isEqualTo(0.5);
    assertThat(jan.periods().get(3).retentionOnOrAfter()).isEqualTo(0.5);

    Cohort feb = t.cohorts().get(1);
    assertThat(feb.periods()).extracting(CohortCell::active).containsExactly(1L, 0L, 0L);
    assertThat(feb.periods()).extracting(CohortCell::activeOnOrAfter).containsExactly(1L, 0L, 0L);
    assertThat(feb.periods().get(1).revenue().amount()).isEqualByComparingTo("0");
    Cohort mar = t.cohorts().get(2);
    assertThat(mar.periods()).extracting(CohortCell::active).containsExactly(1L, 0L);
    assertThat(mar.periods().get(0).revenue().amount()).isEqualByComparingTo("12.00"); // c4's EUR order only

    assertThat(t.insights()).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(CohortInsight.Kind.SMALL_COHORTS);
      assertThat(i.value()).isEqualTo(3);
      assertThat(i.text()).isEqualTo(
          "3 of 3 cohorts have fewer than 30 customers and are too small to judge: 2024-01, 2024-02, 2024-03.");
    });
    assertThat(t.retentionMatrix(false)[2][2]).isNaN();
    assertThat(t.retentionMatrix(true)[0]).containsExactly(1.0, 1.0, 1.0, 0.5);
  }

  @Test
  void zone_movesALateNightFirstPurchaseIntoTheNextMonth() {
    CohortTable t = eur(CohortRequest.builder().zone(ZoneId.of("Europe/Paris")));

    assertThat(t.cohorts()).extracting(Cohort::label).containsExactly("2024-01", "2024-02", "2024-03");
    assertThat(t.cohorts()).extracting(Cohort::customers).containsExactly(1L, 2L, 1L);
    Cohort feb = t.cohorts().get(1);
    assertThat(feb.periods()).extracting(CohortCell::active).containsExactly(2L, 1L, 0L);
    assertThat(feb.periods().get(0).revenue().amount()).isEqualByComparingTo("23.00");
  }

  /**
   * A fixed offset means what it means in Java, east of Greenwich: PostgreSQL reads a text offset such as
   * {@code '+01:00'} in {@code AT TIME ZONE} the POSIX way, west of Greenwich, and put c2's first purchase in
   * January (at 22:30 on the 31st) instead of February.
   */
  @Test
  void zone_fixedOffsetsCountEastOfGreenwich() {
    for (ZoneId zone : List.of(ZoneId.of("+01:00"), ZoneId.of("GMT+1"), ZoneId.of("UTC+01:00"))) {
      CohortTable t = eur(CohortRequest.builder().zone(zone));
      assertThat(t.cohorts()).as(zone.getId()).extracting(Cohort::customers).containsExactly(1L, 2L, 1L);
    }
    CohortTable west = eur(CohortRequest.builder().zone(ZoneId.of("-01:00")));
    assertThat(west.cohorts()).extracting(Cohort::customers).containsExactly(2L, 1L, 1L);
  }

  @Test
  void filters_countryFirstProductFirstCategoryAndRange() {
    assertThat(eur(CohortRequest.builder().country("FR")).cohorts())
        .extracting(Cohort::label, Cohort::customers)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2024-01", 1L), org.assertj.core.groups.Tuple.tuple("2024-02", 1L),
            org.assertj.core.groups.Tuple.tuple("2024-03", 1L));
    CohortTable p2 = eur(CohortRequest.builder().firstProduct("P2"));
    assertThat(p2.cohorts()).extracting(Cohort::label).containsExactly("2024-01");
    assertThat(p2.cohorts().get(0).periods()).extracting(CohortCell::active).containsExactly(1L, 0L, 1L, 0L);
    assertThat(eur(CohortRequest.builder().firstCategory("Tea")).cohorts()).extracting(Cohort::label)
        .containsExactly("2024-02");
    assertThat(eur(CohortRequest.builder().from(LocalDate.of(2024, 2, 29)).to(LocalDate.of(2024, 3, 1))).cohorts())
        .extracting(Cohort::label).containsExactly("2024-02", "2024-03");
  }

  @Test
  void rollingThirtyDays_countFromEachFirstPurchase() {
    CohortTable t = eur(CohortRequest.builder().rollingDays(30).to(LocalDate.of(2024, 1, 31)));

    Cohort jan = t.cohorts().get(0);
    assertThat(t.cohorts()).hasSize(1);
    assertThat(jan.periods()).extracting(CohortCell::active).containsExactly(2L, 1L, 1L);
    assertThat(jan.periods()).extracting(CohortCell::orders).containsExactly(3L, 1L, 1L);
    assertThat(jan.periods()).extracting(CohortCell::activeOnOrAfter).containsExactly(2L, 2L, 1L);
    // c1's return, 41 days after the first purchase, falls in k = 1: 10 + 20 + 15 in k = 0, 30 − 5 in k = 1
    assertThat(jan.periods()).extracting(c -> c.revenue().amount().toPlainString())
        .containsExactly("45.00", "25.00", "10.00");
  }

  @Test
  void weeksAndQuarters() {
    CohortTable weeks = eur(CohortRequest.builder().period(CohortPeriod.WEEK));
    assertThat(weeks.cohorts().get(0).label()).isEqualTo("2024-W02");
    assertThat(weeks.cohorts().get(0).start()).isEqualTo(LocalDate.of(2024, 1, 8));
    assertThat(weeks.cohorts().get(0).customers()).isEqualTo(1);

    CohortTable quarters = eur(CohortRequest.builder().period(CohortPeriod.QUARTER));
    assertThat(quarters.cohorts()).extracting(Cohort::label).containsExactly("2024-Q1");
    assertThat(quarters.cohorts().get(0).customers()).isEqualTo(4);
    assertThat(quarters.cohorts().get(0).periods()).extracting(CohortCell::active).containsExactly(4L, 1L);
  }

  @Test
  void currencies_requiredWhenSeveral_andNeverMixed() {
    assertThatThrownBy(() -> ci.cohorts().retention(CohortRequest.monthly()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("currency")
        .hasMessageContaining("[EUR, USD]");

    CohortTable usd = ci.cohorts().retention(CohortRequest.builder().currency(USD).build());
    assertThat(usd.cohorts()).singleElement().satisfies(c -> {
      assertThat(c.label()).isEqualTo("2024-01");
      assertThat(c.periods()).hasSize(1);
      assertThat(c.periods().get(0).revenue().amount()).isEqualByComparingTo("5.00");
      assertThat(c.periods().get(0).revenue().currency()).isEqualTo(USD);
    });
  }

  @Test
  void emptyShop_noCohorts() {
    try (TestDatabase empty = newDatabase.get();
        CustomerIntelligence none = CustomerIntelligence.builder().jdbcUrl(empty.jdbcUrl()).build()) {
      CohortTable t = none.cohorts().retention(CohortRequest.monthly());
      assertThat(t.cohorts()).isEmpty();
      assertThat(t.currency()).isNull();
      assertThat(t.toCsv().lines()).hasSize(1);
    }
  }

  @Test
  void badRequests_nameTheField() {
    assertThatThrownBy(() -> CohortRequest.builder().rollingDays(0).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("rollingDays");
    assertThatThrownBy(() -> CohortRequest.builder().from(LocalDate.of(2024, 2, 1)).to(LocalDate.of(2024, 1, 1))
        .build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("from");
    assertThatThrownBy(() -> CohortRequest.builder().country(" ").build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("country");
    assertThatThrownBy(() -> CohortPeriod.parse("fortnight"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("period");
  }
}
