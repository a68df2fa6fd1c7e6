package dev.custintel.analytics.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventQuery;
import dev.custintel.analytics.events.EventType;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@code ci.activity().now(zone)} and {@code ci.events().newest(..)} on a hand-made shop, at a fixed clock of
 * 2026-03-10T15:00:00Z. Worked out by hand:
 *
 * <pre>
 * c1  2026-03-09T15:00 buys 7.00 USD (one day ago); today 08:00 buys 100.00 USD
 * c2  2026-02-07T15:00 buys 50.00 USD (31 days ago: not active)
 * c3  2026-02-09T15:00 buys 9.00 USD (29 days ago: active); today 09:00 returns 20.00 USD
 * c4  2026-03-01 returns 3.00 USD (a return only: not active)
 * c5  today 00:00:00 (the day's first instant) buys 10.00 EUR; today 14:59 buys 23.45 USD
 * c6  today 20:00, after "now", buys 1.00 USD (today, but not yet active)
 * c7  2026-03-09T23:59:59 buys 5.00 EUR (yesterday in UTC)
 * </pre>
 *
 * <p>UTC: active c1, c3, c5, c7 = 4; today's purchases o1, o2, o3, c6's = 4; revenue EUR 10.00, USD 100.00 + 23.45 +
 * 1.00 − 20.00 = 104.45. New York (UTC−4 since 2026-03-08): today is [04:00Z, next 04:00Z), which leaves out c5's
 * EUR order and c7's: 3 purchases, USD 104.45 only. The high-risk count is the gauge's, after model runs on the
 * CDNOW sample (whose orders, from 1997–98, are outside every window here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopActivityTest extends OnBothDatabases {
  private static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");
  private TestDatabase database;
  private CustomerIntelligence ci;
  private SimpleMeterRegistry registry;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    registry = new SimpleMeterRegistry();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .meterRegistry(registry).build();
    ci.ingestion().ingest(IngestBatch.ofOrders(List.of(
        order("p1", "c1", "2026-03-09T15:00:00Z", OrderKind.PURCHASE, "7.00", "USD"),
        order("o1", "c1", "2026-03-10T08:00:00Z", OrderKind.PURCHASE, "100.00", "USD"),
        order("p2", "c2", "2026-02-07T15:00:00Z", OrderKind.PURCHASE, "50.00", "USD"),
        order("p3", "c3", "2026-02-09T15:00:00Z", OrderKind.PURCHASE, "9.00", "USD"),
        order("r1", "c3", "2026-03-10T09:00:00Z", OrderKind.RETURN, "20.00", "USD"),
        order("r4", "c4", "2026-03-01T10:00:00Z", OrderKind.RETURN, "3.00", "USD"),
        order("o3", "c5", "2026-03-10T00:00:00Z", OrderKind.PURCHASE, "10.00", "EUR"),
        order("o2", "c5", "2026-03-10T14:59:00Z", OrderKind.PURCHASE, "23.45", "USD"),
        order("o6", "c6", "2026-03-10T20:00:00Z", OrderKind.PURCHASE, "1.00", "USD"),
        order("p7", "c7", "2026-03-09T23:59:59Z", OrderKind.PURCHASE, "5.00", "EUR"))));
  }

  private static Order order(String id, String customer, String at, OrderKind kind, String amount, String currency) {
    return new Order(id, customer, Instant.parse(at), Money.currency(currency), kind,
        List.of(new OrderLine("P1", 1, new BigDecimal(amount))));
  }

  @AfterParameterizedClassInvocation
  void close() {
    ci.close();
    database.close();
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void now_utc_countsTheWindowAndTheCalendarDay() {
    ShopActivity a = ci.activity().now(ZoneOffset.UTC);

    assertThat(a.at()).isEqualTo(NOW);
    assertThat(a.day()).isEqualTo(LocalDate.of(2026, 3, 10));
    assertThat(a.activeCustomers()).isEqualTo(4);
    assertThat(a.ordersToday()).isEqualTo(4);
    assertThat(a.revenueToday()).containsExactly(Money.of("10.00", "EUR"), Money.of("104.45", "USD"));
    assertThat(a.highRiskCustomers()).as("no active run").isNull();
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void now_anotherZone_movesTheDayNotTheWindow() {
    ShopActivity a = ci.activity().now(ZoneId.of("America/New_York"));

    assertThat(a.day()).isEqualTo(LocalDate.of(2026, 3, 10));
    assertThat(a.activeCustomers()).isEqualTo(4);
    assertThat(a.ordersToday()).isEqualTo(3);
    assertThat(a.revenueToday()).containsExactly(Money.of("104.45", "USD"));
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void now_afterModelRuns_highRiskIsTheGaugesFigure_newestAlertsAreTheLogsLast() {
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
    ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 9, 30)).backtest(false).noAffinity()
        .build());
    ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 6, 30)).backtest(false).noAffinity()
        .build());

    ShopActivity a = ci.activity().now(ZoneOffset.UTC);
    double gauge = registry.get("custintel.churn.customers.high").gauge().value();
    assertThat(a.highRiskCustomers()).isNotNull().isPositive();
    assertThat((double) a.highRiskCustomers()).isEqualTo(gauge);
    assertThat(a.activeCustomers()).isEqualTo(4);

    List<CustomerEvent> alerts = new ArrayList<>();
    EventQuery q = EventQuery.after(0).withTypes(Set.of(EventType.CHURN_RISK_ALERT)).withLimit(EventQuery.MAX_LIMIT);
    while (true) {
      List<CustomerEvent> page = ci.events().read(q);
      alerts.addAll(page);
      if (page.size() < q.limit()) {
        break;
      }
      q = EventQuery.after(page.get(page.size() - 1).id()).withTypes(q.types()).withLimit(q.limit());
    }
    assertThat(alerts).as("the second run raises churn alerts").hasSizeGreaterThan(10);
    List<CustomerEvent> expected = new ArrayList<>(alerts.subList(alerts.size() - 10, alerts.size()));
    Collections.reverse(expected);
    assertThat(ci.events().newest(Set.of(EventType.CHURN_RISK_ALERT), 10)).containsExactlyElementsOf(expected);
    assertThat(ci.events().newest(Set.of(), 1)).extracting(CustomerEvent::id).containsExactly(ci.events().latestId());
    assertThatThrownBy(() -> ci.events().newest(Set.of(), 0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
  }
}
