package dev.custintel.analytics.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.model.Product;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@code ci.ask} on the demo shop (the generator the {@code demo} command uses), on H2 and PostgreSQL. The replaced
 * service's three load-test questions and the other intents' answers are checked against figures computed here
 * from the orders with plain JDBC, not through the clients that answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AskEndToEndTest extends OnBothDatabases {
  private static final String PREFIX = "ask_";
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private TestDatabase database;
  private CustomerIntelligence ci;
  private ModelRun run;
  private List<Product> catalog;

  /** Every order: customer, instant, signed amount (returns negative), purchase or not. */
  private record Row(String customer, Instant at, BigDecimal signed, boolean purchase, String orderId) {}

  private List<Row> orders;

  @BeforeParameterizedClassInvocation
  void generate() throws SQLException {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).tablePrefix(PREFIX).maximumPoolSize(4)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    ShopGenerator generator = ShopGenerator.builder().seed(5L).customers(1_500).months(18)
        .end(LocalDate.parse("2026-12-06")).build();
    catalog = generator.catalog();
    generator.generate(2_000, batch -> ci.ingestion().ingest(batch));
    run = ci.models().refresh(ModelRunRequest.builder().backtest(false).build());
    orders = new ArrayList<>();
    try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT customer_id, placed_at, total_amount, kind, order_id FROM " + PREFIX + "orders")) {
      while (rs.next()) {
        boolean purchase = rs.getString(4).equals("PURCHASE");
        BigDecimal amount = rs.getBigDecimal(3);
        orders.add(new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
            purchase ? amount : amount.negate(), purchase, rs.getString(5)));
      }
    }
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

  private Connection connection() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl());
  }

  @Test
  void top10VipThisMonth_isTheTop10ByNetSpendInDecember() {
    Answer a = ci.ask("Top 10 VIP customers this month");

    Instant from = Instant.parse("2026-12-01T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");
    Map<String, BigDecimal> net = new HashMap<>();
    Map<String, Long> purchases = new HashMap<>();
    for (Row r : orders) {
      if (!r.at.isBefore(from) && r.at.isBefore(to)) {
        net.merge(r.customer, r.signed, BigDecimal::add);
        purchases.merge(r.customer, r.purchase ? 1L : 0L, Long::sum);
      }
    }
    List<String> expected = net.entrySet().stream()
        .filter(e -> purchases.get(e.getKey()) >= 1)
        .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(10).map(Map.Entry::getKey).toList();

    assertThat(a.query().intent()).isEqualTo(Intent.TOP_CUSTOMERS_BY_SPEND);
    assertThat(a.understood()).isEqualTo("top 10 customers by net spend this month (2026-12-01 to 2026-12-31)");
    assertThat(expected).hasSize(10);
    assertThat(a.rows()).extracting(r -> r.get("customerId")).containsExactlyElementsOf(expected);
    for (Map<String, Object> row : a.rows()) {
      assertThat((BigDecimal) row.get("netSpent")).isEqualByComparingTo(net.get((String) row.get("customerId")));
    }
    assertThat(a.answer()).startsWith(expected.get(0) + " spent the most this month");
    assertThat(a.translatedBy()).isEqualTo("parser");
  }

  @Test
  void inactive90Days_listsOnlyCustomersWhoseLastPurchaseIsOver90DaysAgo_andCountsThemAll() {
    Answer a = ci.ask("Which customers haven't purchased in 90 days?");

    Instant cutoff = NOW.minusSeconds(90L * 86_400);
    Map<String, Instant> last = new HashMap<>();
    Map<String, BigDecimal> net = new HashMap<>();
    for (Row r : orders) {
      if (r.purchase) {
        last.merge(r.customer, r.at, (x, y) -> x.isAfter(y) ? x : y);
      }
      net.merge(r.customer, r.signed, BigDecimal::add);
    }
    Set<String> inactive = last.entrySet().stream().filter(e -> !e.getValue().isAfter(cutoff))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    List<String> expected = inactive.stream()
        .sorted(Comparator.comparing((String id) -> net.get(id)).reversed().thenComparing(id -> id))
        .limit(10).toList();

    assertThat(a.query()).isEqualTo(AskQuery.builder(Intent.INACTIVE_CUSTOMERS).days(90).limit(10).build());
    assertThat(inactive).hasSizeGreaterThan(10);
    assertThat(a.rows()).extracting(r -> r.get("customerId")).containsExactlyElementsOf(expected);
    assertThat(a.rows()).allSatisfy(r -> assertThat((Long) r.get("daysSinceLastOrder")).isGreaterThanOrEqualTo(90));
    assertThat(a.answer()).startsWith(String.format(java.util.Locale.ROOT, "%,d", inactive.size())
        + " customers have not bought for 90 days or more");
  }

  @Test
  void highChurnRisk_isTheActiveRunsScoresAtOrAbove80Percent_byValueAtRisk() throws SQLException {
    Answer a = ci.ask("Show me high churn risk customers");

    List<String> expected = new ArrayList<>();
    try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT customer_id, p_alive,"
        + " value_at_risk FROM " + PREFIX + "customer_scores WHERE run_id = ?")) {
      ps.setLong(1, run.id());
      List<Object[]> scored = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (1 - rs.getDouble(2) >= 0.8) {
            scored.add(new Object[] {rs.getString(1), rs.getDouble(3)});
          }
        }
      }
      scored.sort(Comparator.comparing((Object[] o) -> (Double) o[1]).reversed()
          .thenComparing(o -> (String) o[0]));
      scored.stream().limit(10).forEach(o -> expected.add((String) o[0]));
    }
    assertThat(a.query()).isEqualTo(AskQuery.builder(Intent.HIGH_CHURN_RISK).limit(10).minChurnRisk(0.8).build());
    assertThat(expected).hasSize(10);
    assertThat(a.rows()).extracting(r -> r.get("customerId")).containsExactlyElementsOf(expected);
    assertThat(a.rows()).allSatisfy(r -> assertThat((Double) r.get("churnRisk")).isGreaterThanOrEqualTo(0.8));
  }

  @Test
  void highChurnRiskInACountryAndASegment_areTheStoredScoresJoinedByHand() throws SQLException {
    Answer byCountry = ci.ask("customers likely to churn in Germany, top 20");
    Answer bySegment = ci.ask("which hibernating customers are at risk of churning");

    assertThat(byCountry.query()).isEqualTo(AskQuery.builder(Intent.HIGH_CHURN_RISK).limit(20).minChurnRisk(0.8)
        .country("DE").build()); // the demo shop stores ISO codes; "Germany" names DE
    assertThat(ci.ask("customers at risk of churning").query().country())
        .as("'at' is a word here, not Austria (AT)").isNull();
    assertThat(ci.ask("high churn risk customers in AT").query().country()).isEqualTo("AT");
    assertThat(bySegment.query().segment()).isEqualTo("hibernating");
    List<String> germans = new ArrayList<>();
    List<String> hibernating = new ArrayList<>();
    try (Connection c = connection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT s.customer_id FROM " + PREFIX + "customer_scores s"
          + " JOIN " + PREFIX + "customers k ON k.customer_id = s.customer_id WHERE s.run_id = ?"
          + " AND k.country = 'DE' AND 1 - s.p_alive >= 0.8 ORDER BY s.value_at_risk DESC, s.customer_id")) {
        ps.setLong(1, run.id());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next() && germans.size() < 20) {
            germans.add(rs.getString(1));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT s.customer_id FROM " + PREFIX + "customer_scores s"
          + " JOIN " + PREFIX + "segment_memberships m ON m.customer_id = s.customer_id AND m.run_id = s.run_id"
          + " WHERE s.run_id = ? AND m.preset = 'rf-grid' AND m.segment = 'hibernating' AND 1 - s.p_alive >= 0.8"
          + " ORDER BY s.value_at_risk DESC, s.customer_id")) {
        ps.setLong(1, run.id());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next() && hibernating.size() < 10) {
            hibernating.add(rs.getString(1));
          }
        }
      }
    }
    assertThat(germans).isNotEmpty();
    assertThat(byCountry.rows()).extracting(r -> r.get("customerId")).containsExactlyElementsOf(germans);
    assertThat(hibernating).isNotEmpty();
    assertThat(bySegment.rows()).extracting(r -> r.get("customerId")).containsExactlyElementsOf(hibernating);
  }

  @Test
  void revenueLastMonth_isPurchasesLessReturnsInNovember() {
    Answer a = ci.ask("what was our revenue last month?");
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    Instant to = Instant.parse("2026-12-01T00:00:00Z");
    BigDecimal expected = orders.stream().filter(r -> !r.at.isBefore(from) && r.at.isBefore(to))
        .map(r -> r.signed).reduce(BigDecimal.ZERO, BigDecimal::add);
    long purchases = orders.stream().filter(r -> r.purchase && !r.at.isBefore(from) && r.at.isBefore(to)).count();

    assertThat(a.query().intent()).isEqualTo(Intent.REVENUE);
    assertThat((BigDecimal) a.rows().get(0).get("revenue")).isEqualByComparingTo(expected);
    assertThat(a.rows().get(0).get("orders")).isEqualTo(purchases);
    assertThat(a.answer()).contains("from " + String.format(java.util.Locale.ROOT, "%,d", purchases) + " orders");
  }

  @Test
  void newVersusReturningThisYear_splitsBuyersByWhetherTheyBoughtBeforeJanuary() {
    Answer a = ci.ask("new vs returning customers this year");
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Map<String, Instant> first = new HashMap<>();
    Set<String> buyers = new HashSet<>();
    for (Row r : orders) {
      if (r.purchase) {
        first.merge(r.customer, r.at, (x, y) -> x.isBefore(y) ? x : y);
        if (!r.at.isBefore(from)) {
          buyers.add(r.customer);
        }
      }
    }
    long newOnes = buyers.stream().filter(c -> !first.get(c).isBefore(from)).count();

    assertThat(a.rows().get(0).get("customers")).isEqualTo((long) buyers.size());
    assertThat(a.rows().get(0).get("newCustomers")).isEqualTo(newOnes);
    assertThat(a.rows().get(0).get("returningCustomers")).isEqualTo(buyers.size() - newOnes);
    assertThat(newOnes).isPositive().isLessThan(buyers.size());
  }

  @Test
  void topProductsLastQuarter_rankByPurchasesContainingThem() throws SQLException {
    Answer a = ci.ask("best selling products last quarter");
    Map<String, Set<String>> ordersOf = new HashMap<>();
    try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery("SELECT l.product_id,"
        + " o.order_id FROM " + PREFIX + "order_lines l JOIN " + PREFIX + "orders o ON o.order_id = l.order_id"
        + " WHERE o.kind = 'PURCHASE' AND o.placed_at >= TIMESTAMP '2026-07-01 00:00:00'"
        + " AND o.placed_at < TIMESTAMP '2026-10-01 00:00:00'")) {
      while (rs.next()) {
        ordersOf.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
      }
    }
    long bestCount = ordersOf.values().stream().mapToLong(Set::size).max().orElseThrow();

    assertThat(a.query().intent()).isEqualTo(Intent.TOP_PRODUCTS);
    assertThat(a.rows()).hasSize(10);
    assertThat(a.rows().get(0).get("orders")).isEqualTo(bestCount);
    for (Map<String, Object> row : a.rows()) {
      assertThat(row.get("orders")).isEqualTo((long) ordersOf.get((String) row.get("productId")).size());
    }
  }

  @Test
  void customerProfile_byNumber_resolvesTheDemoIdAndCountsItsOrders() {
    String id = orders.get(0).customer;
    long purchases = orders.stream().filter(r -> r.purchase && r.customer.equals(id)).count();
    String number = String.valueOf(Long.parseLong(id.substring(2)));

    Answer a = ci.ask("tell me about customer " + number);

    assertThat(a.query()).isEqualTo(AskQuery.builder(Intent.CUSTOMER_PROFILE).customerId(id).build());
    assertThat(a.rows()).singleElement().satisfies(r -> {
      assertThat(r.get("customerId")).isEqualTo(id);
      assertThat(r.get("orders")).isEqualTo(purchases);
    });
  }

  @Test
  void boughtTogether_namesAProductByItsName() {
    Product teapot = catalog.stream().filter(p -> p.name().toLowerCase().contains("teapot")).findFirst()
        .orElseThrow();
    Answer a = ci.ask("what goes with the " + teapot.name() + "?");
    assertThat(a.query()).as(teapot.name() + ": " + a.answer()).isNotNull();
    assertThat(a.query().intent()).isEqualTo(Intent.BOUGHT_TOGETHER);
    assertThat(a.query().product()).isEqualTo(teapot.id());
  }

  @Test
  void aProductNameThatFitsSeveralProducts_isRefusedNamingThem() {
    List<Product> aeropress = catalog.stream().filter(p -> p.name().toLowerCase().contains("aeropress")).toList();
    assertThat(aeropress).as("the demo catalog sells several AeroPress products").hasSizeGreaterThan(1);
    Answer a = ci.ask("what goes with the aeropress");
    assertThat(a.wasUnderstood()).isFalse();
    assertThat(a.answer()).contains("could name several products");
    aeropress.stream().limit(5).forEach(p -> assertThat(a.answer()).contains(p.id()));
  }

  @Test
  void segmentSizes_addUpToTheCustomersScored() {
    Answer a = ci.ask("how many customers are in each segment");
    long sum = a.rows().stream().mapToLong(r -> (Long) r.get("customers")).sum();
    assertThat(a.query().intent()).isEqualTo(Intent.SEGMENT_SIZES);
    assertThat(a.rows()).hasSize(10);
    assertThat(a.answer()).startsWith(String.format(java.util.Locale.ROOT, "%,d", sum) + " customers in 10 segments");
    assertThat(a.rows()).extracting(r -> (BigDecimal) r.get("share"))
        .satisfies(shares -> assertThat(shares.stream().mapToDouble(BigDecimal::doubleValue).sum())
            .isCloseTo(1.0, within(0.002)));
  }

  @Test
  void unknownQuestion_isRefusedWithThreeExamples() {
    Answer a = ci.ask("what's the weather in Paris?");
    assertThat(a.wasUnderstood()).isFalse();
    assertThat(a.understood()).isNull();
    assertThat(a.rows()).isEmpty();
    assertThat(a.suggestions()).hasSize(3);
    assertThat(a.answer()).startsWith("I could not answer that").contains(a.suggestions().get(0));
  }

  @Test
  void typedQuery_withAnUnknownCustomer_isATypedErrorNamingTheField() {
    assertThatThrownBy(() -> ci.ask(AskQuery.builder(Intent.CUSTOMER_CHURN_RISK).customerId("C-99999999").build()))
        .isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("customerId");
    assertThatThrownBy(() -> ci.ask(" "))
        .isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("question");
  }

  @Test
  void vipOption_readsVipAsLifetimeValue() {
    try (CustomerIntelligence other = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).tablePrefix(PREFIX)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).ask(AskOptions.defaults().vip(Intent.TOP_CUSTOMERS_BY_LTV))
        .build()) {
      Answer a = other.ask("top 5 VIPs");
      assertThat(a.query()).isEqualTo(AskQuery.builder(Intent.TOP_CUSTOMERS_BY_LTV).limit(5).build());
      assertThat(a.rows()).extracting(r -> r.get("customerId"))
          .containsExactlyElementsOf(ci.ltv().top(5).stream().map(v -> v.customerId()).toList());
    }
  }
}
