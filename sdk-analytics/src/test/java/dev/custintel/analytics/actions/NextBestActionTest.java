package dev.custintel.analytics.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.affinity.AffinityOptions;
import dev.custintel.analytics.affinity.CrossSellSuggestion;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import dev.custintel.core.product.ProductStats;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Next best action on H2 and PostgreSQL: the CDNOW sample with a run as of 1997-09-30, plus a small basket shop
 * so that the run has a cross-sell rule (30 customers bought espresso and a grinder together, 10 espresso alone,
 * and "zoe" espresso alone, so the rule espresso → grinder suggests the grinder to her). For customers of every
 * kind, each candidate's expected value is worked out here from the run's churn risk, value at risk and lifetime
 * value, the profile's days since the last order and the rule's confidence with the product's revenue per order,
 * and the recommendation must be the best of them, with those numbers.
 */
class NextBestActionTest extends OnBothDatabases {
  private static final LocalDate AS_OF = LocalDate.of(1997, 9, 30);

  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeEach
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
    IngestBatch.Builder shop = IngestBatch.builder()
        .product(Product.of("espresso", "Espresso beans", "coffee"))
        .product(Product.of("grinder", "Burr grinder", "gear"))
        .customer(new Customer("zoe", "zoe@example.com", "Zoe", "DE", null));
    for (int i = 0; i < 30; i++) {
      shop.order(order("ab-" + i, "ab-c" + i, LocalDate.of(1997, 3, 1).plusDays(i),
          line("espresso", "12.00"), line("grinder", "40.00")));
    }
    for (int i = 0; i < 10; i++) {
      shop.order(order("a-" + i, "a-c" + i, LocalDate.of(1997, 4, 1).plusDays(i), line("espresso", "12.00")));
    }
    shop.order(order("z-1", "zoe", LocalDate.of(1997, 5, 2), line("espresso", "12.00")));
    ci.ingestion().ingest(shop.build());
    ci.models().refresh(ModelRunRequest.builder().asOf(AS_OF).backtest(false)
        .affinity(AffinityOptions.defaults()).build());
  }

  @AfterEach
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void everyCandidateIsItsArithmetic_andTheBestWins() {
    List<String> customers = new ArrayList<>(List.of("zoe", "ab-c3"));
    customers.add(ci.churn().atRisk(1).get(0).customerId()); // the most value at risk
    String vip = ci.ltv().top(50).stream().map(r -> r.customerId())
        .filter(id -> ci.churn().risk(id).churnRisk() <= 0.2).findFirst().orElseThrow();
    customers.add(vip);
    double vipLevel = topDecileLevel();
    ActionPolicy policy = ActionPolicy.defaults();
    List<ActionType> chosen = new ArrayList<>();
    for (String id : customers) {
      NextBestAction nba = ci.actions().next(id);
      Map<ActionType, Double> expected = expectedValues(id, policy, vipLevel);
      assertThat(nba.candidates()).extracting(ActionCandidate::action).containsExactly(ActionType.WIN_BACK,
          ActionType.RE_ENGAGEMENT, ActionType.CROSS_SELL, ActionType.VIP_CARE);
      for (ActionCandidate c : nba.candidates()) {
        Double ev = expected.get(c.action());
        assertThat(c.eligible()).as("%s %s: %s", id, c.action(), c.arithmetic()).isEqualTo(ev != null);
        if (ev != null) {
          assertThat(c.expectedValue().amount().doubleValue()).as("%s %s", id, c.action())
              .isCloseTo(ev, within(0.0051));
          assertThat(c.arithmetic()).endsWith("= " + c.expectedValue().amount().toPlainString() + " USD");
          assertThat(c.upliftSource()).isEqualTo("assumed");
        }
      }
      Optional<Map.Entry<ActionType, Double>> best = expected.entrySet().stream().filter(e -> e.getValue() >= 1.0)
          .max(Map.Entry.comparingByValue());
      ActionType want = best.map(Map.Entry::getKey).orElse(ActionType.NONE);
      assertThat(nba.action()).as("%s: %s", id, nba.candidates()).isEqualTo(want);
      chosen.add(nba.action());
      ChurnRisk risk = ci.churn().risk(id);
      assertThat(nba.runId()).isEqualTo(risk.runId());
      if (want == ActionType.NONE) {
        assertThat(nba.expectedImpact().amount().signum()).isZero();
        assertThat(nba.urgency()).isEqualTo(Urgency.NONE);
      } else {
        assertThat(nba.expectedImpact().amount().doubleValue()).isCloseTo(best.get().getValue(), within(0.0051));
        Urgency urgency = want == ActionType.WIN_BACK ? (risk.churnRisk() >= 0.8 ? Urgency.HIGH : Urgency.MEDIUM)
            : want == ActionType.RE_ENGAGEMENT ? Urgency.MEDIUM : Urgency.LOW;
        assertThat(nba.urgency()).isEqualTo(urgency);
        assertThat(nba.explanation()).contains(nba.expectedImpact().amount().toPlainString());
      }
    }
    // What the shop and the run make of them: zoe gets the grinder; the basket buyer (who has both products, and
    // one order long ago, so a high risk under the selected model) and the riskiest customer a win-back; the
    // valuable loyal one VIP care.
    assertThat(chosen).containsExactly(ActionType.CROSS_SELL, ActionType.WIN_BACK, ActionType.WIN_BACK,
        ActionType.VIP_CARE);
  }

  @Test
  void recommend_pagesAListAndASegment_eachActionAsNextGivesIt() {
    String first = ci.churn().atRisk(2).get(0).customerId();
    String second = ci.churn().atRisk(2).get(1).customerId();
    List<String> list = List.of("zoe", "nobody", "ab-c3", first, second);
    RecommendQuery q = RecommendQuery.customers(list).withLimit(2);
    List<NextBestAction> all = new ArrayList<>();
    List<String> unscored = new ArrayList<>();
    RecommendationPage page;
    int pages = 0;
    do {
      page = ci.actions().recommend(q);
      all.addAll(page.actions());
      unscored.addAll(page.unscored());
      q = q.withCursor(page.nextCursor());
      pages++;
    } while (page.nextCursor() != null);
    assertThat(pages).isEqualTo(3);
    assertThat(unscored).containsExactly("nobody");
    assertThat(all).extracting(NextBestAction::customerId).containsExactly("zoe", "ab-c3", first, second);
    for (NextBestAction a : all) {
      assertThat(a).isEqualTo(ci.actions().next(a.customerId()));
    }
    assertThatThrownBy(() -> ci.actions().recommend(RecommendQuery.customers(list).withCursor("9")))
        .isInstanceOfSatisfying(dev.custintel.core.InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("cursor"));

    // A segment, page by page: its members by id, as the segments client lists them.
    List<String> members = new ArrayList<>();
    String cursor = null;
    do {
      dev.custintel.analytics.segments.SegmentPage p = ci.segments().members("at_risk",
          dev.custintel.analytics.segments.SegmentRequest.defaults(), 300, cursor);
      p.items().forEach(m -> members.add(m.scores().customerId()));
      cursor = p.nextCursor();
    } while (cursor != null);
    assertThat(members).isNotEmpty();
    List<String> seen = new ArrayList<>();
    RecommendQuery s = RecommendQuery.segment("at_risk").withLimit(300);
    do {
      page = ci.actions().recommend(s);
      page.actions().forEach(a -> seen.add(a.customerId()));
      seen.addAll(page.unscored());
      s = s.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(members);
  }

  @Test
  void theTemplateIsFilledFromTheProfile() {
    NextBestAction zoe = ci.actions().next("zoe");
    assertThat(zoe.action()).isEqualTo(ActionType.CROSS_SELL);
    assertThat(zoe.message()).isEqualTo("Hi Zoe, customers who buy Espresso beans also like Burr grinder.");
    NextBestAction custom = ci.actions().next("zoe", ActionPolicy.defaults().withTemplates(Map.of(
        ActionType.CROSS_SELL, "{name}: {suggestedProduct} after {daysSinceLastOrder} days")));
    long days = ci.customers().profile("zoe").daysSinceLastOrder();
    assertThat(custom.message()).isEqualTo("Zoe: Burr grinder after " + days + " days");
  }

  @Test
  void placeholdersInTheCustomersDataAreNotFilled() {
    // A name is the customer's own text: braces in it are printed, never taken for a placeholder.
    ci.ingestion().ingest(IngestBatch.builder()
        .customer(new Customer("zoe", "zoe@example.com", "Zoe {suggestedProduct} {daysSinceLastOrder}", "DE", null))
        .build());
    NextBestAction zoe = ci.actions().next("zoe");
    assertThat(zoe.action()).isEqualTo(ActionType.CROSS_SELL);
    assertThat(zoe.message()).isEqualTo(
        "Hi Zoe {suggestedProduct} {daysSinceLastOrder}, customers who buy Espresso beans also like Burr grinder.");
  }

  @Test
  void belowTheMinimumNothingIsRecommended_andSaysWhy() {
    String riskiest = ci.churn().atRisk(1).get(0).customerId();
    NextBestAction none = ci.actions().next(riskiest,
        ActionPolicy.defaults().withMinimumExpectedValue(new BigDecimal("1000000")));
    assertThat(none.action()).isEqualTo(ActionType.NONE);
    assertThat(none.urgency()).isEqualTo(Urgency.NONE);
    assertThat(none.expectedImpact()).isEqualTo(Money.zero(Money.currency("USD")));
    assertThat(none.arithmetic()).contains("below the minimum of 1000000 USD");
    assertThat(none.message()).isEmpty();
  }

  @Test
  void unknownCustomersAndNoRunAreTypedErrors() {
    assertThatThrownBy(() -> ci.actions().next("nobody")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ActionPolicy.defaults().withWinBack(1.5, 0.1))
        .hasMessageContaining("winBackMinimumRisk");
    try (TestDatabase empty = newDatabase.get();
        CustomerIntelligence fresh = CustomerIntelligence.builder().jdbcUrl(empty.jdbcUrl()).build()) {
      assertThatThrownBy(() -> fresh.actions().next("zoe")).isInstanceOf(ModelNotReadyException.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each eligible candidate's expected value, worked out from the run's and the profile's figures. */
  private Map<ActionType, Double> expectedValues(String id, ActionPolicy p, double vipLevel) {
    ChurnRisk risk = ci.churn().risk(id);
    CustomerProfile profile = ci.customers().profile(id);
    double valueAtRisk = risk.valueAtRisk().amount().doubleValue();
    double ltv = risk.lifetimeValue().amount().doubleValue();
    Map<ActionType, Double> out = new java.util.EnumMap<>(ActionType.class);
    if (risk.churnRisk() >= p.winBackMinimumRisk()) {
      out.put(ActionType.WIN_BACK, valueAtRisk * p.winBackUplift());
    }
    if (profile.daysSinceLastOrder() != null && profile.daysSinceLastOrder() >= p.reengagementAfterDays()) {
      out.put(ActionType.RE_ENGAGEMENT, valueAtRisk * p.reengagementUplift());
    }
    List<CrossSellSuggestion> s = ci.affinity().crossSell(id, 1);
    if (!s.isEmpty()) {
      ProductStats stats = ci.products().product(s.get(0).product().productId());
      double revenue = stats.revenue().stream().filter(m -> m.currency().getCurrencyCode().equals("USD"))
          .findFirst().orElseThrow().amount().doubleValue();
      out.put(ActionType.CROSS_SELL, p.crossSellUplift() * s.get(0).rule().confidence() * revenue
          / stats.orders());
    }
    if (risk.churnRisk() <= p.vipMaximumRisk() && ltv > 0 && ltv >= Math.round(vipLevel * 100) / 100.0) {
      out.put(ActionType.VIP_CARE, ltv * p.vipUplift());
    }
    return out;
  }

  /** The lowest lifetime value of the run's top 10 %, sorted here from every stored value. */
  private double topDecileLevel() {
    StoreAccess access = StoreAccess.of(ci.store());
    long run = ci.models().active().orElseThrow().id();
    List<Double> values = new ArrayList<>(access.read("ltvs", h -> h.createQuery(access.sql(
        "SELECT ltv FROM {customer_scores} WHERE run_id = :run")).bind("run", run).mapTo(Double.class).list()));
    values.sort(java.util.Comparator.reverseOrder());
    return values.get((int) Math.ceil(values.size() * 0.10) - 1);
  }

  private static OrderLine line(String product, String amount) {
    return new OrderLine(product, 1, new BigDecimal(amount));
  }

  private static Order order(String id, String customer, LocalDate day, OrderLine... lines) {
    return Order.purchase(id, customer, day.atTime(10, 0).toInstant(ZoneOffset.UTC), Money.currency("USD"),
        List.of(lines));
  }
}
