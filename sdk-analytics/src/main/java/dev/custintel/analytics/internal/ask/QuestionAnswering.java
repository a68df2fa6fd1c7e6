package dev.custintel.analytics.internal.ask;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.activity.PeriodActivity;
import dev.custintel.analytics.activity.ProductSales;
import dev.custintel.analytics.activity.ShopActivity;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.analytics.affinity.CrossSellSuggestion;
import dev.custintel.analytics.affinity.ProductRef;
import dev.custintel.analytics.affinity.ProductRule;
import dev.custintel.analytics.ask.Answer;
import dev.custintel.analytics.ask.AskQuery;
import dev.custintel.analytics.ask.CustomerState;
import dev.custintel.analytics.ask.Intent;
import dev.custintel.analytics.ask.QueryTranslator;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.churn.AtRiskQuery;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.churn.ChurnSummary;
import dev.custintel.analytics.cohorts.Cohort;
import dev.custintel.analytics.cohorts.CohortCell;
import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.analytics.cohorts.CohortTable;
import dev.custintel.analytics.forecast.Forecast;
import dev.custintel.analytics.forecast.ForecastPeriodUnit;
import dev.custintel.analytics.forecast.ForecastRequest;
import dev.custintel.analytics.forecast.PeriodForecast;
import dev.custintel.analytics.ltv.LtvPrediction;
import dev.custintel.analytics.ltv.RankedValue;
import dev.custintel.analytics.segments.SegmentMember;
import dev.custintel.analytics.segments.SegmentPage;
import dev.custintel.analytics.segments.SegmentReport;
import dev.custintel.analytics.segments.SegmentRequest;
import dev.custintel.analytics.segments.SegmentSummary;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerPage;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.customer.CustomerSort;
import dev.custintel.core.customer.CustomerSummary;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a question: the translator (when there is one) or the parser makes the typed query, the SDK's clients run
 * it, and the rows and one sentence are written from what they return. Nothing of the question's text reaches SQL
 * except as a bound value of a lookup (a customer id, through the clients). Thread-safe. Not API.
 */
public final class QuestionAnswering {
  private static final Logger LOG = LoggerFactory.getLogger(QuestionAnswering.class);

  private final CustomerIntelligence ci;
  private final StoreVocabulary vocabulary;
  private final QuestionParser parser;
  private final @Nullable QueryTranslator translator;

  /**
   * @param ci the facade whose clients run the queries
   * @param vocabulary what questions may name
   * @param vip what "VIP" means
   * @param translator a translator tried before the parser, or null
   */
  public QuestionAnswering(CustomerIntelligence ci, StoreVocabulary vocabulary, Intent vip,
      @Nullable QueryTranslator translator) {
    this.ci = Objects.requireNonNull(ci, "ci");
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.parser = new QuestionParser(vocabulary, vip);
    this.translator = translator;
  }

  /**
   * @param question the question
   * @return the answer
   * @throws InvalidInputException if the question is blank or longer than 500 characters ("question")
   */
  public Answer ask(String question) {
    if (question == null || question.isBlank()) {
      throw InvalidInputException.argument("question", "must not be blank");
    }
    if (question.length() > 500) {
      throw InvalidInputException.argument("question", "must be at most 500 characters (was " + question.length()
          + ")");
    }
    Instant now = ci.clock().instant();
    if (translator != null) {
      Optional<AskQuery> translated = translate(question, now);
      if (translated.isPresent()) {
        return run(translated.get(), "translator");
      }
    }
    QuestionParser.Result parsed = parser.parse(question, now);
    AskQuery query = parsed.query();
    if (query == null) {
      return refusal(question, Objects.requireNonNullElse(parsed.refusal(), "it was not understood"));
    }
    return run(query, "parser");
  }

  /**
   * @param query a typed query, such as one sent over the wire
   * @return its answer
   */
  public Answer answer(AskQuery query) {
    AskQuery q = validate(Objects.requireNonNull(query, "query").withDefaults());
    return run(q, "query");
  }

  private Optional<AskQuery> translate(String question, Instant now) {
    try {
      Optional<AskQuery> q = Objects.requireNonNull(translator).translate(question, now);
      if (q.isEmpty()) {
        return q;
      }
      return Optional.of(validate(q.get().withDefaults()));
    } catch (RuntimeException e) {
      // The translator's own errors name no secret (its key stays in its headers); the parser answers instead.
      LOG.warn("The question translator failed; the built-in parser answers instead: {}", e.toString());
      return Optional.empty();
    }
  }

  /** What a translator or a client may name must exist: the customer, the product, the segment, the country. */
  private AskQuery validate(AskQuery q) {
    AskQuery.Builder b = q.toBuilder();
    if (q.customerId() != null) {
      String id = vocabulary.customer(List.of(q.customerId()));
      if (id == null) {
        throw InvalidInputException.argument("customerId", "is not a customer in the store");
      }
      b.customerId(id);
    }
    if (q.product() != null && vocabulary.products().stream().noneMatch(p -> p.id().equals(q.product()))) {
      throw InvalidInputException.argument("product", "is not a product in the store");
    }
    if (q.segment() != null && !vocabulary.segments().contains(q.segment())) {
      throw InvalidInputException.argument("segment", "is not a segment of preset " + vocabulary.preset().id()
          + " " + vocabulary.segments());
    }
    return b.build();
  }

  // ---- running a query -----------------------------------------------------------------------------------------

  private Answer run(AskQuery q, String by) {
    String understood = Describe.query(q);
    try {
      Rows r = switch (q.intent()) {
        case TOP_CUSTOMERS_BY_SPEND -> topBy(q, CustomerSort.SPEND_DESC);
        case TOP_CUSTOMERS_BY_ORDERS -> topBy(q, CustomerSort.ORDERS_DESC);
        case TOP_CUSTOMERS_BY_LTV -> topLtv(q);
        case TOP_CUSTOMERS_BY_VALUE_AT_RISK -> atRisk(q, AtRiskQuery.top(limit(q)), true);
        case INACTIVE_CUSTOMERS -> inactive(q);
        case HIGH_CHURN_RISK -> highRisk(q);
        case SEGMENT_MEMBERS -> segmentMembers(q);
        case SEGMENT_SIZES -> segmentSizes();
        case CUSTOMER_PROFILE -> profile(id(q));
        case CUSTOMER_CHURN_RISK -> churnRisk(id(q));
        case CUSTOMER_LTV -> ltv(id(q));
        case CUSTOMER_NEXT_BEST_ACTION -> nextBestAction(id(q));
        case COHORT_RETENTION -> cohorts(q);
        case BOUGHT_TOGETHER -> boughtTogether(q);
        case CROSS_SELL -> crossSell(q);
        case REVENUE_FORECAST, ORDER_FORECAST -> forecast(q);
        case REVENUE, ORDER_COUNT, NEW_VS_RETURNING -> period(q);
        case CUSTOMER_COUNT -> count(q);
        case CHURN_SUMMARY -> churnSummary();
        case TODAY -> today();
        case TOP_PRODUCTS -> topProducts(q);
      };
      return new Answer(understood, q, r.rows, r.sentence, List.of(), by);
    } catch (ModelNotReadyException e) {
      return new Answer(understood, q, List.of(), "I understood the question, but " + e.getMessage()
          + " (the answer needs the customer-value models: refresh them first).", List.of(), by);
    } catch (NothingToAnswer e) {
      return new Answer(understood, q, List.of(), "I understood the question, but " + e.getMessage() + ".",
          List.of(), by);
    } catch (NotFoundException e) {
      return new Answer(understood, q, List.of(), "I understood the question, but " + e.getMessage() + ".",
          List.of(), by);
    } catch (InvalidInputException e) {
      return new Answer(understood, q, List.of(), "I understood the question, but it cannot be answered: "
          + e.getMessage(), List.of(), by);
    }
  }

  /** The store holds nothing the question could be answered from. */
  private static final class NothingToAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NothingToAnswer(String message) {
      super(message, null, false, false);
    }
  }

  private record Rows(List<Map<String, @Nullable Object>> rows, String sentence) {}

  private static int limit(AskQuery q) {
    return Objects.requireNonNullElse(q.limit(), 10);
  }

  private static String id(AskQuery q) {
    return Objects.requireNonNull(q.customerId(), "customerId");
  }

  private Currency currency() {
    Currency c = vocabulary.mainCurrency();
    if (c == null) {
      throw new NothingToAnswer("the shop has no purchases yet");
    }
    return c;
  }

  private Rows topBy(AskQuery q, CustomerSort sort) {
    Currency cur = currency();
    CustomerQuery.Builder b = CustomerQuery.builder().sort(sort).currency(cur).limit(limit(q));
    if (q.period() != null) {
      b.period(q.period());
    }
    if (q.country() != null) {
      b.country(q.country());
    }
    CustomerPage page = ci.customers().query(b.build());
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    long orders = 0;
    for (CustomerSummary s : page.items()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("rank", rows.size() + 1);
      row.put("customerId", s.customerId());
      row.put("country", s.country());
      row.put("orders", s.orders());
      row.put("netSpent", s.netSpent() == null ? null : s.netSpent().amount());
      row.put("currency", cur.getCurrencyCode());
      row.put("lastOrderAt", text(s.lastOrderAt()));
      rows.add(row);
      total = total.add(s.netSpent() == null ? BigDecimal.ZERO : s.netSpent().amount());
      orders += s.orders();
    }
    String where = Describe.periodPhrase(q) + (q.country() == null ? "" : " in " + q.country());
    if (rows.isEmpty()) {
      return new Rows(rows, "No customer bought" + where + ".");
    }
    CustomerSummary first = page.items().get(0);
    String lead = sort == CustomerSort.ORDERS_DESC
        ? first.customerId() + " placed the most orders" + where + ": " + first.orders() + " ("
            + money(first.netSpent()) + ")"
        : first.customerId() + " spent the most" + where + ": " + money(first.netSpent()) + " over " + first.orders()
            + plural(" order", first.orders()) + "";
    return new Rows(rows, lead + "; the " + rows.size() + " listed placed " + orders + plural(" order", orders)
        + " worth " + money(new Money(total, cur)) + " together.");
  }

  private Rows topLtv(AskQuery q) {
    List<RankedValue> top = ci.ltv().top(limit(q));
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (RankedValue v : top) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("rank", rows.size() + 1);
      row.put("customerId", v.customerId());
      row.put("predictedValue", v.value().amount());
      row.put("low", v.low().amount());
      row.put("high", v.high().amount());
      row.put("currency", v.value().currency().getCurrencyCode());
      row.put("probabilityAlive", round(v.probabilityAlive(), 4));
      rows.add(row);
    }
    if (top.isEmpty()) {
      return new Rows(rows, "The active model run scored no customer.");
    }
    RankedValue first = top.get(0);
    return new Rows(rows, first.customerId() + " has the highest predicted lifetime value: " + money(first.value())
        + " (between " + money(first.low()) + " and " + money(first.high()) + ").");
  }

  private Rows atRisk(AskQuery q, AtRiskQuery query, boolean byValue) {
    List<AtRiskCustomer> list = ci.churn().atRisk(query);
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    Currency cur = null;
    for (AtRiskCustomer c : list) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("rank", rows.size() + 1);
      row.put("customerId", c.customerId());
      row.put("churnRisk", c.churnRisk());
      row.put("valueAtRisk", c.valueAtRisk().amount());
      row.put("valueIfActive", c.valueIfActive().amount());
      row.put("currency", c.valueAtRisk().currency().getCurrencyCode());
      row.put("repeatPurchases", c.repeatPurchases());
      row.put("daysSinceLastPurchase", c.daysSinceLastPurchaseAtRun());
      rows.add(row);
      total = total.add(c.valueAtRisk().amount());
      cur = c.valueAtRisk().currency();
    }
    String who = byValue ? "" : " at a churn risk of " + percent(query.minimumChurnRisk()) + " or more"
        + (query.segment() == null ? "" : " in segment " + query.segment())
        + (query.country() == null ? "" : " in " + query.country());
    if (list.isEmpty()) {
      return new Rows(rows, "No customer" + (who.isEmpty() ? " has value at risk" : " is" + who) + ".");
    }
    AtRiskCustomer first = list.get(0);
    String firstPart = first.customerId() + " has the most value at risk: " + money(first.valueAtRisk()) + " (churn risk "
        + percent(first.churnRisk()) + ")";
    return new Rows(rows, (byValue ? firstPart : "The " + list.size() + plural(" customer", list.size()) + who
        + " with the most value at risk are listed; " + firstPart) + "; the " + list.size() + " listed hold "
        + money(new Money(total, Objects.requireNonNull(cur))) + " at risk together.");
  }

  private Rows highRisk(AskQuery q) {
    AtRiskQuery query = AtRiskQuery.top(limit(q)).minimumChurnRisk(Objects.requireNonNullElse(q.minChurnRisk(),
        AskQuery.HIGH_RISK));
    if (q.segment() != null) {
      query = query.segment(vocabulary.preset().id(), q.segment());
    }
    if (q.country() != null) {
      query = query.country(q.country());
    }
    return atRisk(q, query, false);
  }

  private Rows inactive(AskQuery q) {
    int days = Objects.requireNonNullElse(q.days(), 90);
    CustomerQuery.Builder b = CustomerQuery.builder().inactiveForAtLeastDays(days).sort(CustomerSort.SPEND_DESC)
        .currency(currency()).limit(limit(q));
    if (q.country() != null) {
      b.country(q.country());
    }
    CustomerPage page = ci.customers().query(b.build());
    long count = q.country() == null ? ci.activity().inactiveCustomers(days) : -1;
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    Instant now = ci.clock().instant();
    for (CustomerSummary s : page.items()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("customerId", s.customerId());
      row.put("country", s.country());
      row.put("lastOrderAt", text(s.lastOrderAt()));
      row.put("daysSinceLastOrder", s.lastOrderAt() == null ? null
          : java.time.Duration.between(s.lastOrderAt(), now).toDays());
      row.put("orders", s.orders());
      row.put("netSpent", s.netSpent() == null ? null : s.netSpent().amount());
      row.put("currency", s.netSpent() == null ? null : s.netSpent().currency().getCurrencyCode());
      rows.add(row);
    }
    String where = q.country() == null ? "" : " in " + q.country();
    if (rows.isEmpty()) {
      return new Rows(rows, "No customer" + where + " has gone " + days + " days or more without a purchase.");
    }
    return new Rows(rows, (count >= 0 ? number(count) + plural(" customer", count) + " have" : "Customers" + where + " have")
        + " not bought for " + days + " days or more; the " + rows.size() + " who spent the most are listed, "
        + page.items().get(0).customerId() + " first (" + money(page.items().get(0).netSpent()) + ").");
  }

  private Rows segmentMembers(AskQuery q) {
    String segment = Objects.requireNonNull(q.segment(), "segment");
    SegmentPage page = ci.segments().members(segment, SegmentRequest.of(vocabulary.preset()), limit(q), null);
    SegmentReport report = ci.segments().report(SegmentRequest.of(vocabulary.preset()));
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (SegmentMember m : page.items()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("customerId", m.scores().customerId());
      row.put("segment", m.segment());
      row.put("recencyDays", m.scores().recencyDays());
      row.put("frequency", m.scores().frequency());
      row.put("monetary", m.scores().monetary().amount());
      row.put("currency", m.scores().monetary().currency().getCurrencyCode());
      row.put("r", m.scores().r());
      row.put("f", m.scores().f());
      row.put("m", m.scores().m());
      rows.add(row);
    }
    SegmentSummary summary = report.segment(segment);
    return new Rows(rows, "Segment " + segment + " (" + summary.description() + ") has " + summary.customers()
        + plural(" customer", summary.customers()) + ", " + percent(summary.share()) + " of "
        + report.customers() + "; " + rows.size() + " are listed.");
  }

  private Rows segmentSizes() {
    SegmentReport report = ci.segments().report(SegmentRequest.of(vocabulary.preset()));
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (SegmentSummary s : report.segments()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("segment", s.name());
      row.put("description", s.description());
      row.put("customers", s.customers());
      row.put("share", round(s.share(), 4));
      row.put("revenue", s.revenue().amount());
      row.put("currency", s.revenue().currency().getCurrencyCode());
      row.put("averageChurnRisk", s.averageChurnRisk() == null ? null : round(s.averageChurnRisk(), 4));
      rows.add(row);
    }
    Optional<SegmentSummary> largest = report.segments().stream()
        .max(Comparator.comparingLong(SegmentSummary::customers));
    return new Rows(rows, number(report.customers()) + plural(" customer", report.customers()) + " in "
        + report.segments().size() + " segments of preset " + report.preset() + largest.map(s -> "; the largest is "
            + s.name() + " with " + s.customers() + " (" + percent(s.share()) + ")").orElse("") + ".");
  }

  private Rows profile(String id) {
    CustomerProfile p = ci.customers().profile(id);
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("customerId", p.customerId());
    row.put("name", p.name());
    row.put("country", p.country());
    row.put("orders", p.orders());
    row.put("returns", p.returns());
    row.put("totalSpent", p.totalSpent() == null ? null : p.totalSpent().amount());
    row.put("averageOrderValue", p.averageOrderValue() == null ? null : p.averageOrderValue().amount());
    row.put("currency", p.totalSpent() == null ? null : p.totalSpent().currency().getCurrencyCode());
    row.put("firstOrderAt", text(p.firstOrderAt()));
    row.put("lastOrderAt", text(p.lastOrderAt()));
    row.put("daysSinceLastOrder", p.daysSinceLastOrder());
    row.put("churnRisk", p.scores() == null ? null : round(1 - p.scores().probabilityAlive(), 4));
    row.put("lifetimeValue", p.scores() == null ? null : p.scores().lifetimeValue().amount());
    String sentence = p.customerId() + (p.country() == null ? "" : " (" + p.country() + ")") + " has placed "
        + p.orders() + plural(" order", p.orders()) + " for " + money(p.totalSpent())
        + (p.lastOrderAt() == null ? "" : ", the last " + p.daysSinceLastOrder() + " days ago")
        + (p.scores() == null ? "" : "; churn risk " + percent(1 - p.scores().probabilityAlive())
            + ", predicted lifetime value " + money(p.scores().lifetimeValue())) + ".";
    return new Rows(List.of(row), sentence);
  }

  private Rows churnRisk(String id) {
    ChurnRisk r = ci.churn().risk(id);
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("customerId", r.customerId());
    row.put("churnRisk", r.churnRisk());
    row.put("level", r.level().name().toLowerCase(Locale.ROOT));
    row.put("repeatPurchases", r.repeatPurchases());
    row.put("daysSinceLastPurchase", r.daysSinceLastPurchaseAtRun());
    row.put("valueAtRisk", r.valueAtRisk().amount());
    row.put("currency", r.valueAtRisk().currency().getCurrencyCode());
    row.put("asOf", r.asOf().toString());
    return new Rows(List.of(row), r.customerId() + " has a churn risk of " + percent(r.churnRisk()) + " ("
        + r.level().name().toLowerCase(Locale.ROOT) + "), " + money(r.valueAtRisk()) + " of value at risk, as of "
        + r.asOf() + ".");
  }

  private Rows ltv(String id) {
    LtvPrediction p = ci.ltv().predict(id);
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("customerId", p.customerId());
    row.put("predictedValue", p.value().amount());
    row.put("low", p.low().amount());
    row.put("high", p.high().amount());
    row.put("currency", p.value().currency().getCurrencyCode());
    row.put("expectedPurchases", round(p.expectedPurchases(), 2));
    row.put("probabilityAlive", round(p.probabilityAlive(), 4));
    row.put("asOf", p.asOf().toString());
    return new Rows(List.of(row), p.customerId() + " is predicted to be worth " + money(p.value()) + " over the "
        + "run's horizon (" + percent(p.intervalLevel()) + " interval " + money(p.low()) + " to " + money(p.high())
        + "), from " + round(p.expectedPurchases(), 2) + " expected purchases.");
  }

  private Rows nextBestAction(String id) {
    NextBestAction a = ci.actions().next(id);
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("customerId", a.customerId());
    row.put("action", a.action().name().toLowerCase(Locale.ROOT));
    row.put("urgency", a.urgency().name().toLowerCase(Locale.ROOT));
    row.put("expectedImpact", a.expectedImpact().amount());
    row.put("currency", a.expectedImpact().currency().getCurrencyCode());
    row.put("message", a.message());
    return new Rows(List.of(row), "For " + a.customerId() + ": " + a.message() + " (expected impact "
        + money(a.expectedImpact()) + ", urgency " + a.urgency().name().toLowerCase(Locale.ROOT) + ").");
  }

  private Rows cohorts(AskQuery q) {
    CohortRequest.Builder b = CohortRequest.builder();
    if (q.period() != null) {
      b.from(day(q.period().from()));
      b.to(day(q.period().to().minusNanos(1)));
    }
    CohortTable t = ci.cohorts().retention(b.build());
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (Cohort c : t.cohorts()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("cohort", c.label());
      row.put("customers", c.customers());
      for (int k = 1; k <= 3; k++) {
        row.put("month" + k, k < c.periods().size() ? round(c.periods().get(k).retention(), 4) : null);
      }
      row.put("month6", 6 < c.periods().size() ? round(c.periods().get(6).retention(), 4) : null);
      rows.add(row);
    }
    if (rows.isEmpty()) {
      return new Rows(rows, "No customer first bought" + Describe.periodPhrase(q) + ".");
    }
    double weighted = 0;
    long n = 0;
    for (Cohort c : t.cohorts()) {
      if (c.periods().size() > 1) {
        CohortCell cell = c.periods().get(1);
        weighted += cell.active();
        n += c.customers();
      }
    }
    return new Rows(rows, t.cohorts().size() + plural(" monthly cohort", t.cohorts().size())
        + Describe.periodPhrase(q) + (n == 0 ? "; none has a month after its first yet."
            : "; on average " + percent(weighted / n) + " of their customers bought again in the month after the"
                + " first."));
  }

  private Rows boughtTogether(AskQuery q) {
    String product = Objects.requireNonNull(q.product(), "product");
    List<ProductRule> rules = ci.affinity().boughtTogether(product, Objects.requireNonNullElse(q.limit(), 5));
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (ProductRule r : rules) {
      for (ProductRef ref : r.consequent()) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        row.put("productId", ref.productId());
        row.put("name", ref.name());
        row.put("confidence", round(r.confidence(), 4));
        row.put("lift", round(r.lift(), 3));
        row.put("baskets", r.baskets());
        rows.add(row);
      }
    }
    String name = productName(product);
    if (rows.isEmpty()) {
      return new Rows(rows, "No product is bought together with " + name + " often enough to be a rule of the"
          + " active affinity run.");
    }
    ProductRule first = rules.get(0);
    return new Rows(rows, "With " + name + ", customers most often also buy " + first.consequent().stream()
        .map(r -> r.name() == null ? r.productId() : r.name()).collect(Collectors.joining(" and ")) + ": in "
        + percent(first.confidence()) + " of its baskets, " + round(first.lift(), 2) + " times as often as by chance.");
  }

  private Rows crossSell(AskQuery q) {
    String id = id(q);
    List<CrossSellSuggestion> list = ci.affinity().crossSell(id, Objects.requireNonNullElse(q.limit(), 5));
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (CrossSellSuggestion s : list) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("customerId", id);
      row.put("productId", s.product().productId());
      row.put("name", s.product().name());
      row.put("score", round(s.score(), 4));
      row.put("because", s.rule().antecedent().stream().map(r -> r.name() == null ? r.productId() : r.name())
          .collect(Collectors.joining(" + ")));
      row.put("confidence", round(s.rule().confidence(), 4));
      rows.add(row);
    }
    if (list.isEmpty()) {
      return new Rows(rows, "No rule of the active affinity run fits what " + id + " has bought.");
    }
    CrossSellSuggestion first = list.get(0);
    return new Rows(rows, "Offer " + id + " " + (first.product().name() == null ? first.product().productId()
        : first.product().name()) + " first: " + percent(first.rule().confidence()) + " of baskets with "
        + rows.get(0).get("because") + " also hold it.");
  }

  private Rows forecast(AskQuery q) {
    int horizon = Objects.requireNonNullElse(q.horizon(), 3);
    ForecastPeriodUnit unit = Objects.requireNonNullElse(q.horizonUnit(), ForecastPeriodUnit.MONTH);
    Forecast f = ci.forecast().forecast(unit == ForecastPeriodUnit.WEEK ? ForecastRequest.weeks(horizon)
        : ForecastRequest.months(horizon));
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (PeriodForecast p : f.periods()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("period", p.index());
      row.put("start", p.start().toString());
      row.put("end", p.end().toString());
      row.put("expectedOrders", round(p.total().expectedTransactions(), 1));
      row.put("expectedRevenue", p.total().expectedRevenue().amount());
      row.put("currency", f.currency().getCurrencyCode());
      row.put("existingCustomersLow", round(p.existingCustomers().low(), 1));
      row.put("existingCustomersHigh", round(p.existingCustomers().high(), 1));
      rows.add(row);
    }
    String span = horizon + " " + unit.name().toLowerCase(Locale.ROOT) + (horizon == 1 ? "" : "s") + " after "
        + f.calibrationEnd();
    String s = q.intent() == Intent.ORDER_FORECAST
        ? "About " + number(round(f.total().expectedTransactions(), 0).longValue()) + " orders are expected in the "
            + span
            + " (existing customers " + round(f.existingCustomers().low(), 0).longValue() + " to "
            + round(f.existingCustomers().high(), 0).longValue() + " at " + percent(f.intervalLevel()) + ", plus new"
            + " customers' first orders)."
        : money(f.total().expectedRevenue()) + " of revenue is expected in the " + span + ", from about "
            + number(round(f.total().expectedTransactions(), 0).longValue()) + " orders.";
    return new Rows(rows, s);
  }

  private Rows period(AskQuery q) {
    PeriodActivity a = ci.activity().period(q.period());
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("from", q.period() == null ? null : q.period().from().toString());
    row.put("to", q.period() == null ? null : q.period().to().toString());
    String when = Describe.periodPhrase(q);
    String sentence;
    switch (q.intent()) {
      case REVENUE -> {
        row.put("orders", a.orders());
        row.put("returns", a.returns());
        row.put("revenue", a.revenue().isEmpty() ? BigDecimal.ZERO : a.revenue().get(0).amount());
        row.put("currency", a.revenue().isEmpty() ? null : a.revenue().get(0).currency().getCurrencyCode());
        sentence = a.revenue().isEmpty() ? "There was no revenue" + when + "."
            : "Revenue" + when + " was " + a.revenue().stream().map(QuestionAnswering::money)
                .collect(Collectors.joining(" and ")) + " (purchases less returns) from " + number(a.orders())
                + plural(" order", a.orders()) + ".";
        if (a.revenue().size() > 1) {
          row.put("otherCurrencies", a.revenue().subList(1, a.revenue().size()).stream()
              .map(QuestionAnswering::money).collect(Collectors.joining(", ")));
        }
      }
      case ORDER_COUNT -> {
        row.put("orders", a.orders());
        row.put("returns", a.returns());
        row.put("customers", a.customers());
        sentence = number(a.orders()) + plural(" order", a.orders()) + " " + (a.orders() == 1 ? "was" : "were")
            + " placed" + when + ", by " + number(a.customers()) + plural(" customer", a.customers()) + " (and "
            + number(a.returns()) + plural(" return", a.returns()) + ").";
      }
      default -> {
        row.put("customers", a.customers());
        row.put("newCustomers", a.newCustomers());
        row.put("returningCustomers", a.returningCustomers());
        row.put("newShare", a.customers() == 0 ? null : round((double) a.newCustomers() / a.customers(), 4));
        sentence = a.customers() == 0 ? "No customer bought" + when + "."
            : number(a.customers()) + plural(" customer", a.customers()) + " bought" + when + ": "
                + number(a.newCustomers()) + " new (" + percent((double) a.newCustomers() / a.customers()) + ") and "
                + number(a.returningCustomers()) + " returning.";
      }
    }
    return new Rows(List.of(row), sentence);
  }

  private Rows count(AskQuery q) {
    CustomerState state = Objects.requireNonNullElse(q.state(), CustomerState.ALL);
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("state", state.wireName());
    long n;
    String sentence;
    switch (state) {
      case ACTIVE -> {
        n = ci.activity().now(ZoneOffset.UTC).activeCustomers();
        sentence = number(n) + plural(" customer", n) + " bought in the last 30 days.";
      }
      case INACTIVE -> {
        int days = Objects.requireNonNullElse(q.days(), 90);
        row.put("days", days);
        n = ci.activity().inactiveCustomers(days);
        sentence = number(n) + plural(" customer", n) + " have not bought for " + days + " days or more.";
      }
      case HIGH_RISK -> {
        ChurnSummary s = ci.churn().summary();
        n = s.high();
        sentence = number(n) + " of " + number(s.customers()) + " scored customers are at high churn risk (80% or more), as of "
            + s.asOf() + ".";
      }
      default -> {
        n = ci.activity().period(null).customers();
        sentence = "The shop has " + number(n) + plural(" customer", n) + " with at least one purchase.";
      }
    }
    row.put("customers", n);
    return new Rows(List.of(row), sentence);
  }

  private Rows churnSummary() {
    ChurnSummary s = ci.churn().summary();
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (String[] level : new String[][] {{"low", "below 50%"}, {"medium", "50% to 80%"}, {"high", "80% or more"}}) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("level", level[0]);
      row.put("churnRisk", level[1]);
      long n = level[0].equals("low") ? s.low() : level[0].equals("medium") ? s.medium() : s.high();
      row.put("customers", n);
      row.put("share", s.customers() == 0 ? null : round((double) n / s.customers(), 4));
      rows.add(row);
    }
    return new Rows(rows, number(s.customers()) + " customers scored as of " + s.asOf() + ": " + number(s.high())
        + " at high churn risk, " + number(s.medium()) + " medium, " + number(s.low()) + " low; " + money(s.totalValueAtRisk())
        + " of value at risk in all, mean churn risk " + percent(s.meanChurnRisk()) + ".");
  }

  private Rows today() {
    ShopActivity a = ci.activity().now(ZoneOffset.UTC);
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("day", a.day().toString());
    row.put("ordersToday", a.ordersToday());
    row.put("revenueToday", a.revenueToday().isEmpty() ? BigDecimal.ZERO : a.revenueToday().get(0).amount());
    row.put("currency", a.revenueToday().isEmpty() ? null : a.revenueToday().get(0).currency().getCurrencyCode());
    row.put("activeCustomers", a.activeCustomers());
    row.put("highRiskCustomers", a.highRiskCustomers());
    return new Rows(List.of(row), "Today (" + a.day() + ", UTC): " + a.ordersToday() + plural(" order", a.ordersToday())
        + (a.revenueToday().isEmpty() ? "" : " for " + a.revenueToday().stream().map(QuestionAnswering::money)
            .collect(Collectors.joining(" and ")))
        + "; " + a.activeCustomers() + " customers bought in the last 30 days"
        + (a.highRiskCustomers() == null ? "" : "; " + a.highRiskCustomers() + " are at high churn risk") + ".");
  }

  private Rows topProducts(AskQuery q) {
    List<ProductSales> list = ci.activity().topProducts(q.period(), limit(q));
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (ProductSales p : list) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("rank", p.rank());
      row.put("productId", p.productId());
      row.put("name", p.name());
      row.put("orders", p.orders());
      row.put("units", p.units());
      row.put("buyers", p.buyers());
      rows.add(row);
    }
    if (list.isEmpty()) {
      return new Rows(rows, "No product sold" + Describe.periodPhrase(q) + ".");
    }
    ProductSales first = list.get(0);
    return new Rows(rows, (first.name() == null ? first.productId() : first.name()) + " sold best"
        + Describe.periodPhrase(q) + ": in " + first.orders() + plural(" order", first.orders()) + ", "
        + first.units() + plural(" unit", first.units()) + ".");
  }

  // ---- refusals ------------------------------------------------------------------------------------------------

  private Answer refusal(String question, String why) {
    List<String> suggestions = suggestions(question);
    return new Answer(null, null, List.of(), "I could not answer that: " + why + ". I can answer questions like: "
        + String.join("; ", suggestions.stream().map(s -> "\"" + s + "\"").toList()) + ".", suggestions, null);
  }

  /** Three example questions, those sharing the most words with the question first. */
  static List<String> suggestions(String question) {
    Set<String> words = new HashSet<>(Arrays.asList(QuestionParser.normalise(question).split(" ")));
    words.removeIf(w -> w.length() < 3);
    record Scored(String example, long score, int order) {}
    List<Scored> scored = new ArrayList<>();
    for (Intent i : Intent.values()) {
      String example = i.example();
      long score = Arrays.stream(QuestionParser.normalise(example + " " + i.description()).split(" "))
          .distinct().filter(words::contains).count();
      scored.add(new Scored(example, score, i.ordinal()));
    }
    scored.sort(Comparator.comparingLong(Scored::score).reversed().thenComparingInt(Scored::order));
    return scored.stream().limit(3).map(Scored::example).toList();
  }

  // ---- formatting ----------------------------------------------------------------------------------------------

  private String productName(String id) {
    return vocabulary.products().stream().filter(p -> p.id().equals(id)).findFirst()
        .map(p -> p.name() == null ? id : p.name() + " (" + id + ")").orElse(id);
  }

  static String money(@Nullable Money m) {
    if (m == null) {
      return "an amount in several currencies";
    }
    DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return m.currency().getCurrencyCode() + " " + f.format(m.amount());
  }

  /** A count with thousands separators: 2,026. */
  static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String percent(double share) {
    BigDecimal p = BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return p.toPlainString() + "%";
  }

  static BigDecimal round(double v, int places) {
    return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN) : BigDecimal.ZERO;
  }

  private static String plural(String word, long n) {
    return n == 1 ? word : word + "s";
  }

  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static LocalDate day(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
