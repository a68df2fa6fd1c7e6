package dev.custintel.analytics.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Ten EUR customers whose every score is worked out by hand below, as of 2024-05-01T00:00Z (n = 10; a score is
 * min(s, 1 + floor(s·L/10)) with L the customers strictly worse):
 *
 * <pre>
 *      last purchase      days  F  M (net)  | R F M (1–5) | rf-grid             shopify (F+M)        | klaviyo RFM
 *   a  2024-04-30T12:00   0     5  500      | 5 5 5       | champions           champions (10)       | 333 champions
 *   b  2024-04-29         2     3  300      | 5 4 4       | champions           champions (8)        | 323 needs_attention
 *   c  2024-04-20         11    3  120      | 4 4 3       | loyal               loyal (7)            | 322 needs_attention
 *   d  2024-04-01         30    2  200      | 4 3 4       | potential_loyalist  loyal (7)            | 222 needs_attention
 *   e  2024-03-01         61    1  50       | 3 1 2       | about_to_sleep      needs_attention (3)  | 211 needs_attention
 *   f  2024-02-01         90    1  50       | 3 1 2       | about_to_sleep      needs_attention (3)  | 211 needs_attention
 *   g  2024-01-01         121   4  400      | 2 5 5       | cant_lose_them      previously_loyal (10)| 133 at_risk
 *   h  2023-12-01         152   1  20       | 2 1 1       | hibernating         almost_lost (2)      | 111 inactive
 *   i  2023-11-01         182   2  100 − 20 | 1 3 3       | at_risk             almost_lost (6)      | 122 at_risk
 *   j  2023-06-01         335   1  10       | 1 1 1       | hibernating         dormant (2)          | 111 inactive
 * </pre>
 *
 * Ties: F = 1 (e, f, h, j) all score 1, F = 3 (b, c) both 4; M = 50 (e, f) both 2. Also in the store, and not
 * counted: a's purchase at exactly the as-of instant, k's purchase in USD, l's purchase after the as-of instant
 * (l and the order-less m are Shopify's prospects). The same shop is stored a second time in GBP, under other ids
 * and in reverse order, and must score the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentsSmallShopTest extends OnBothDatabases {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency GBP = Currency.getInstance("GBP");
  private static final Instant AS_OF = Instant.parse("2024-05-01T00:00:00Z");

  /** id, last purchase, purchases, net amount, return (or null). */
  private record Shape(String id, String last, int purchases, String amount, String returned) {}

  private static final List<Shape> SHOP = List.of(
      new Shape("a", "2024-04-30T12:00:00Z", 5, "500.00", null),
      new Shape("b", "2024-04-29T00:00:00Z", 3, "300.00", null),
      new Shape("c", "2024-04-20T00:00:00Z", 3, "120.00", null),
      new Shape("d", "2024-04-01T00:00:00Z", 2, "200.00", null),
      new Shape("e", "2024-03-01T00:00:00Z", 1, "50.00", null),
      new Shape("f", "2024-02-01T00:00:00Z", 1, "50.00", null),
      new Shape("g", "2024-01-01T00:00:00Z", 4, "400.00", null),
      new Shape("h", "2023-12-01T00:00:00Z", 1, "20.00", null),
      new Shape("i", "2023-11-01T00:00:00Z", 2, "100.00", "20.00"),
      new Shape("j", "2023-06-01T00:00:00Z", 1, "10.00", null));

  private static final Map<String, String> EXPECTED_SCORES = Map.of("a", "555", "b", "544", "c", "443", "d", "434",
      "e", "312", "f", "312", "g", "255", "h", "211", "i", "133", "j", "111");

  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    IngestBatch.Builder b = IngestBatch.builder().product(Product.of("P", "Coffee", "Coffee"));
    for (Shape s : SHOP) {
      b.customer(Customer.of(s.id(), "FR"));
      orders(s.id(), s, EUR).forEach(b::order);
    }
    // the GBP copy: ids "z9" … "z0" for a … j, stored in reverse order
    List<Shape> reversed = new ArrayList<>(SHOP);
    Collections.reverse(reversed);
    for (Shape s : reversed) {
      orders(gbpId(s.id()), s, GBP).forEach(b::order);
    }
    b.order(order("a-at-as-of", "a", AS_OF, EUR, OrderKind.PURCHASE, "999.00"));
    b.order(order("k-usd", "k", Instant.parse("2024-04-30T00:00:00Z"), Currency.getInstance("USD"),
        OrderKind.PURCHASE, "70.00"));
    b.order(order("l-later", "l", Instant.parse("2024-05-02T00:00:00Z"), EUR, OrderKind.PURCHASE, "70.00"));
    b.customer(Customer.of("m", "FR"));
    ci.ingestion().ingest(b.build());
  }

  private static String gbpId(String id) {
    return "z" + (9 - (id.charAt(0) - 'a'));
  }

  private static List<Order> orders(String customer, Shape s, Currency currency) {
    List<Order> out = new ArrayList<>();
    Instant last = Instant.parse(s.last());
    BigDecimal total = new BigDecimal(s.amount());
    for (int k = s.purchases() - 1; k >= 1; k--) { // earlier purchases of 1.00, a week apart
      out.add(order(customer + "-" + currency + "-" + k, customer, last.minus(Duration.ofDays(7L * k)), currency,
          OrderKind.PURCHASE, "1.00"));
      total = total.subtract(BigDecimal.ONE);
    }
    out.add(order(customer + "-" + currency + "-last", customer, last, currency, OrderKind.PURCHASE,
        total.toPlainString()));
    if (s.returned() != null) { // four days after the last purchase: it lowers M, not recency
      out.add(order(customer + "-" + currency + "-ret", customer, last.plus(Duration.ofDays(4)), currency,
          OrderKind.RETURN, s.returned()));
    }
    return out;
  }

  private static Order order(String id, String customer, Instant at, Currency currency, OrderKind kind,
      String amount) {
    return new Order(id, customer, at, currency, kind, List.of(new OrderLine("P", 1, new BigDecimal(amount))));
  }

  @AfterParameterizedClassInvocation
  void close() {
    ci.close();
    database.close();
  }

  private static SegmentRequest eur(SegmentPreset preset) {
    return SegmentRequest.of(preset).withAsOf(AS_OF).withCurrency(EUR);
  }

  private Map<String, RfmScores> allScores(SegmentRequest request) {
    Map<String, RfmScores> out = new LinkedHashMap<>();
    for (SegmentRule rule : request.preset().segments()) {
      if (request.preset().prospects().map(p -> p.name().equals(rule.name())).orElse(false)) {
        continue;
      }
      String cursor = null;
      do {
        SegmentPage page = ci.segments().members(rule.name(), request, 3, cursor);
        for (SegmentMember member : page.items()) {
          assertThat(member.segment()).isEqualTo(rule.name());
          assertThat(out.put(member.scores().customerId(), member.scores())).as("listed twice").isNull();
        }
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    return out;
  }

  @Test
  void everyCustomersScores_areTheHandWorkedOnes() {
    Map<String, RfmScores> scores = allScores(eur(SegmentPreset.rfGrid()));
    assertThat(scores).hasSize(10);
    for (Map.Entry<String, String> e : EXPECTED_SCORES.entrySet()) {
      assertThat(scores.get(e.getKey()).code()).as(e.getKey()).isEqualTo(e.getValue());
    }
    RfmScores a = scores.get("a");
    assertThat(a.recencyDays()).isZero();
    assertThat(a.frequency()).isEqualTo(5); // not the purchase at the as-of instant itself
    assertThat(a.monetary()).isEqualTo(Money.of("500.00", "EUR"));
    assertThat(a.lastPurchaseAt()).isEqualTo(Instant.parse("2024-04-30T12:00:00Z"));
    RfmScores i = scores.get("i");
    assertThat(i.recencyDays()).isEqualTo(182); // from the last purchase, not the later return
    assertThat(i.monetary()).isEqualTo(Money.of("80.00", "EUR"));
    assertThat(scores.get("f").recencyDays()).isEqualTo(90); // 2024 is a leap year
  }

  @Test
  void rfGridReport_countsAndRevenue() {
    SegmentReport report = ci.segments().report(eur(SegmentPreset.rfGrid()));
    assertThat(report.customers()).isEqualTo(10);
    assertThat(report.prospects()).isZero();
    assertThat(report.asOf()).isEqualTo(AS_OF);
    Map<String, Long> counts = new LinkedHashMap<>();
    report.segments().forEach(s -> counts.put(s.name(), s.customers()));
    assertThat(counts).containsExactly(Map.entry("champions", 2L), Map.entry("loyal", 1L),
        Map.entry("potential_loyalist", 1L), Map.entry("new", 0L), Map.entry("promising", 0L),
        Map.entry("need_attention", 0L), Map.entry("about_to_sleep", 2L), Map.entry("at_risk", 1L),
        Map.entry("cant_lose_them", 1L), Map.entry("hibernating", 2L));
    assertThat(report.segment("champions").revenue()).isEqualTo(Money.of("800.00", "EUR"));
    assertThat(report.segment("champions").share()).isEqualTo(0.2);
    assertThat(report.segment("at_risk").revenue()).isEqualTo(Money.of("80.00", "EUR"));
    assertThat(report.segment("new").revenue()).isEqualTo(Money.of("0.00", "EUR"));
    assertThat(report.segment("champions").averageChurnRisk()).isNull(); // no model run
    assertThat(report.activeRunId()).isNull();
    assertThat(report.scores().get("R")).containsExactly(
        Map.entry(1, 2L), Map.entry(2, 2L), Map.entry(3, 2L), Map.entry(4, 2L), Map.entry(5, 2L));
    assertThat(report.scores().get("F")).containsExactly(
        Map.entry(1, 4L), Map.entry(2, 0L), Map.entry(3, 2L), Map.entry(4, 2L), Map.entry(5, 2L));
    assertThat(report.scores().get("M")).containsExactly(
        Map.entry(1, 2L), Map.entry(2, 2L), Map.entry(3, 2L), Map.entry(4, 2L), Map.entry(5, 2L));
  }

  @Test
  void shopifyReport_hasTheProspects() {
    SegmentReport report = ci.segments().report(eur(SegmentPreset.shopify()));
    Map<String, Long> counts = new LinkedHashMap<>();
    report.segments().forEach(s -> counts.put(s.name(), s.customers()));
    assertThat(counts).containsExactly(Map.entry("champions", 2L), Map.entry("loyal", 2L), Map.entry("active", 0L),
        Map.entry("new", 0L), Map.entry("promising", 0L), Map.entry("needs_attention", 2L),
        Map.entry("previously_loyal", 1L), Map.entry("at_risk", 0L), Map.entry("almost_lost", 2L),
        Map.entry("dormant", 1L), Map.entry("prospects", 2L)); // l (bought only after the as-of instant) and m
    assertThat(report.prospects()).isEqualTo(2);
    assertThat(report.segment("prospects").share()).isEqualTo(2.0 / 12);
    assertThatThrownBy(() -> ci.segments().members("prospects", eur(SegmentPreset.shopify()), 10, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("segment");
  }

  @Test
  void klaviyoReport_scoresOneToThree() {
    SegmentReport report = ci.segments().report(eur(SegmentPreset.klaviyo()));
    Map<String, Long> counts = new LinkedHashMap<>();
    report.segments().forEach(s -> counts.put(s.name(), s.customers()));
    assertThat(counts).containsExactly(Map.entry("champions", 1L), Map.entry("loyal", 0L), Map.entry("recent", 0L),
        Map.entry("needs_attention", 5L), Map.entry("at_risk", 2L), Map.entry("inactive", 2L));
    assertThat(ci.segments().customer("b", eur(SegmentPreset.klaviyo())).scores().code()).isEqualTo("323");
    assertThat(ci.segments().customer("i", eur(SegmentPreset.klaviyo())).scores().code()).isEqualTo("122");
    assertThat(report.scores().get("R")).containsOnlyKeys(1, 2, 3);
  }

  @Test
  void oneCustomer_segmentAndScores() {
    CustomerSegment g = ci.segments().customer("g", eur(SegmentPreset.rfGrid()));
    assertThat(g.segment()).isEqualTo("cant_lose_them");
    assertThat(g.scores().code()).isEqualTo("255");
    assertThat(g.scores().recencyDays()).isEqualTo(121);
    assertThat(g.stored()).isNull();
    assertThatThrownBy(() -> ci.segments().customer("l", eur(SegmentPreset.rfGrid())))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("no purchase in EUR before 2024-05-01");
    assertThatThrownBy(() -> ci.segments().customer("nobody", eur(SegmentPreset.rfGrid())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void scores_doNotDependOnIdsOrRowOrder() {
    Map<String, RfmScores> eur = allScores(eur(SegmentPreset.rfGrid()));
    Map<String, RfmScores> gbp = allScores(SegmentRequest.of(SegmentPreset.rfGrid()).withAsOf(AS_OF)
        .withCurrency(GBP));
    Map<String, String> mapped = new HashMap<>();
    eur.forEach((id, s) -> mapped.put(gbpId(id), s.code()));
    Map<String, String> actual = new HashMap<>();
    gbp.forEach((id, s) -> actual.put(id, s.code()));
    assertThat(actual).isEqualTo(mapped);
  }

  @Test
  void anEarlierAsOf_movesCustomersAndDropsThoseNotYetBuying() {
    // as of 2024-01-01T00:00Z only customers whose first purchase is earlier count (g, h, i, j; g without its last)
    SegmentReport report = ci.segments().report(SegmentRequest.of(SegmentPreset.rfGrid())
        .withAsOf(Instant.parse("2024-01-01T00:00:00Z")).withCurrency(EUR));
    long expected = SHOP.stream().filter(s -> Instant.parse(s.last())
        .minus(Duration.ofDays(7L * (s.purchases() - 1))).isBefore(Instant.parse("2024-01-01T00:00:00Z"))).count();
    assertThat(expected).isEqualTo(4);
    assertThat(report.customers()).isEqualTo(expected);
    assertThat(ci.segments().customer("g", SegmentRequest.of(SegmentPreset.rfGrid())
        .withAsOf(Instant.parse("2024-01-01T00:00:00Z")).withCurrency(EUR)).scores().frequency()).isEqualTo(3);
    assertThat(report.segments().stream().mapToLong(SegmentSummary::customers).sum()).isEqualTo(expected);
  }

  @Test
  void currency_isRequiredWhenTheShopHasSeveral_andBadInputIsNamed() {
    assertThatThrownBy(() -> ci.segments().report(SegmentRequest.defaults()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("currency");
    assertThatThrownBy(() -> ci.segments().members("champs", eur(SegmentPreset.rfGrid()), 10, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("champions");
    assertThatThrownBy(() -> ci.segments().members("champions", eur(SegmentPreset.rfGrid()), 0, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
    SegmentReport none = ci.segments().report(SegmentRequest.of(SegmentPreset.rfGrid())
        .withAsOf(AS_OF).withCurrency(Currency.getInstance("JPY")));
    assertThat(none.customers()).isZero();
    assertThat(none.segments()).allSatisfy(s -> assertThat(s.customers()).isZero());
  }
}
