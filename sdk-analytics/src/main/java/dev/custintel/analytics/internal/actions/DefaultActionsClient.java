package dev.custintel.analytics.internal.actions;

import dev.custintel.analytics.actions.ActionCandidate;
import dev.custintel.analytics.actions.ActionPolicy;
import dev.custintel.analytics.actions.ActionType;
import dev.custintel.analytics.actions.ActionsClient;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.analytics.actions.RecommendQuery;
import dev.custintel.analytics.actions.RecommendationPage;
import dev.custintel.analytics.actions.Urgency;
import dev.custintel.analytics.affinity.AffinityClient;
import dev.custintel.analytics.affinity.CrossSellSuggestion;
import dev.custintel.analytics.affinity.ProductRef;
import dev.custintel.analytics.churn.ChurnClient;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.churn.RiskLevel;
import dev.custintel.analytics.experiments.MeasuredUplift;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelsClient;
import dev.custintel.analytics.segments.SegmentPage;
import dev.custintel.analytics.segments.SegmentRequest;
import dev.custintel.analytics.segments.SegmentsClient;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.model.Money;
import dev.custintel.core.product.ProductClient;
import dev.custintel.core.product.ProductStats;
import dev.custintel.core.spi.StoreAccess;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Next best action from the active run's churn risk and lifetime value, the profile and the run's cross-sell rules,
 * as {@link ActionPolicy} describes. Thread-safe. Not API.
 */
public final class DefaultActionsClient implements ActionsClient {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

  private static final String ASSUMED = "assumed";
  private static final String MEASURED = "measured";

  private final ChurnClient churn;
  private final CustomerClient customers;
  private final AffinityClient affinity;
  private final ProductClient products;
  private final SegmentsClient segments;
  private final ModelsClient models;
  private final StoreAccess access;
  private final ActionPolicy policy;
  /** The measured uplift of a finished experiment per action, when there is one. */
  private final Function<ActionType, Optional<MeasuredUplift>> measured;
  /** The lowest lifetime value of a run's top share, by run and share: a run's scores never change afterwards. */
  private final Map<String, Double> vipLevels = new ConcurrentHashMap<>();

  public DefaultActionsClient(ChurnClient churn, CustomerClient customers, AffinityClient affinity,
      ProductClient products, SegmentsClient segments, ModelsClient models, StoreAccess access, ActionPolicy policy,
      Function<ActionType, Optional<MeasuredUplift>> measured) {
    this.churn = churn;
    this.customers = customers;
    this.affinity = affinity;
    this.products = products;
    this.segments = segments;
    this.models = models;
    this.access = access;
    this.policy = policy;
    this.measured = measured;
  }

  @Override
  public NextBestAction next(String customerId) {
    return next(customerId, policy);
  }

  @Override
  public NextBestAction next(String customerId, ActionPolicy p) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(p, "policy");
    ChurnRisk risk = churn.risk(customerId);
    CustomerProfile profile = customers.profile(customerId);
    Currency currency = risk.valueAtRisk().currency();
    List<ActionCandidate> candidates = new ArrayList<>();
    candidates.add(winBack(risk, p));
    candidates.add(reengagement(risk, profile, p));
    @Nullable CrossSellSuggestion suggestion = suggestion(customerId);
    candidates.add(crossSell(suggestion, currency, uplift(ActionType.CROSS_SELL, p.crossSellUplift())));
    candidates.add(vip(risk, p));

    ActionCandidate best = null;
    for (ActionCandidate c : candidates) {
      Money ev = c.expectedValue();
      if (c.eligible() && ev != null && (best == null
          || ev.amount().compareTo(Objects.requireNonNull(best.expectedValue()).amount()) > 0)) {
        best = c;
      }
    }
    Money minimum = Money.of(p.minimumExpectedValue(), currency);
    if (best == null || Objects.requireNonNull(best.expectedValue()).amount()
        .compareTo(p.minimumExpectedValue()) < 0) {
      String why = best == null ? "no action applies to this customer"
          : "the best action, " + best.action().wireName() + ", is worth " + money(best.expectedValue())
              + ", below the minimum of " + money(minimum);
      return new NextBestAction(customerId, risk.runId(), ActionType.NONE, Urgency.NONE, Money.zero(currency),
          why, "", "No action: " + why + ".", candidates);
    }
    ActionType action = best.action();
    Urgency urgency = switch (action) {
      case WIN_BACK -> risk.churnRisk() >= RiskLevel.HIGH.lowerBound() ? Urgency.HIGH : Urgency.MEDIUM;
      case RE_ENGAGEMENT -> Urgency.MEDIUM;
      default -> Urgency.LOW;
    };
    String message = fill(p.templates().get(action), profile, suggestion);
    return new NextBestAction(customerId, risk.runId(), action, urgency,
        Objects.requireNonNull(best.expectedValue()), best.arithmetic(), message,
        explanation(best, risk, profile, suggestion, p), candidates);
  }

  @Override
  public RecommendationPage recommend(RecommendQuery q) {
    Objects.requireNonNull(q, "query");
    ActionPolicy p = q.policy() == null ? policy : Objects.requireNonNull(q.policy());
    List<String> ids;
    @Nullable String next;
    List<String> list = q.customerIds();
    if (list != null) {
      int from = 0;
      String cursor = q.cursor();
      if (cursor != null) {
        try {
          from = Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
          from = -1;
        }
        if (from < 0 || from > list.size()) {
          throw InvalidInputException.argument("cursor", "is not a cursor of this list (was '" + cursor + "')");
        }
      }
      int to = Math.min(list.size(), from + q.limit());
      ids = list.subList(from, to);
      next = to < list.size() ? Integer.toString(to) : null;
    } else {
      // Segments in the active run's currency: the one its scores, and so every action's amounts, are in.
      ModelRun run = models.active().orElseThrow(() -> new ModelNotReadyException("clv"));
      SegmentPage page = segments.members(Objects.requireNonNull(q.segment()),
          SegmentRequest.of(q.preset()).withCurrency(run.data().currency()), q.limit(), q.cursor());
      ids = page.items().stream().map(m -> m.scores().customerId()).toList();
      next = page.nextCursor();
    }
    List<NextBestAction> actions = new ArrayList<>(ids.size());
    List<String> unscored = new ArrayList<>();
    for (String id : ids) {
      try {
        actions.add(next(id, p));
      } catch (NotFoundException e) {
        unscored.add(id);
      }
    }
    return new RecommendationPage(actions, unscored, next);
  }

  private ActionCandidate winBack(ChurnRisk risk, ActionPolicy p) {
    Uplift u = uplift(ActionType.WIN_BACK, p.winBackUplift());
    if (risk.churnRisk() < p.winBackMinimumRisk()) {
      return ineligible(ActionType.WIN_BACK, "churn risk " + fixed(risk.churnRisk(), 4) + " is below "
          + p.winBackMinimumRisk(), u);
    }
    return ofValueAtRisk(ActionType.WIN_BACK, risk, u);
  }

  private ActionCandidate reengagement(ChurnRisk risk, CustomerProfile profile, ActionPolicy p) {
    Uplift u = uplift(ActionType.RE_ENGAGEMENT, p.reengagementUplift());
    Long days = profile.daysSinceLastOrder();
    if (days == null || days < p.reengagementAfterDays()) {
      return ineligible(ActionType.RE_ENGAGEMENT, (days == null ? "no order yet" : "last order " + days
          + " days ago") + ", fewer than " + p.reengagementAfterDays(), u);
    }
    return ofValueAtRisk(ActionType.RE_ENGAGEMENT, risk, u);
  }

  private static ActionCandidate ofValueAtRisk(ActionType type, ChurnRisk risk, Uplift u) {
    Money atRisk = risk.valueAtRisk();
    Money ev = round(atRisk.amount().multiply(BigDecimal.valueOf(u.value)), atRisk.currency());
    return new ActionCandidate(type, true, ev, "value at risk " + money(atRisk) + " × " + u.describe() + " = "
        + money(ev), u.value, u.source, u.experimentId);
  }

  /** The policy's uplift, or the measured one of a finished experiment of the action. */
  private Uplift uplift(ActionType type, double assumed) {
    Optional<MeasuredUplift> m = measured.apply(type);
    if (m.isEmpty()) {
      return new Uplift(assumed, ASSUMED, null, ASSUMED + " uplift " + assumed);
    }
    MeasuredUplift mu = m.get();
    String text = MEASURED + " uplift " + fixed(mu.uplift(), 4) + " (experiment " + mu.experimentId() + " '"
        + mu.experimentName() + "': " + fixed(mu.estimate(), 4) + ", " + percent(mu.confidenceLevel()) + " CI "
        + fixed(mu.lower(), 4) + " to " + fixed(mu.upper(), 4) + (mu.uplift() != mu.estimate()
            ? ", clamped to [0, 1]" : "") + ")";
    return new Uplift(mu.uplift(), MEASURED, mu.experimentId(), text);
  }

  private record Uplift(double value, String source, @Nullable Long experimentId, String describe) {}

  /**
   * What an action's uplift multiplies for a customer under the active run: value at risk (win-back,
   * re-engagement), lifetime value (VIP care) or the suggested product's confidence × revenue per order
   * (cross-sell), in the run's currency; null when it does not apply (no score, no suggestion).
   *
   * @param customerId the customer
   * @param action the action
   * @return the amount, or null
   */
  public @Nullable BigDecimal base(String customerId, ActionType action) {
    ChurnRisk risk;
    try {
      risk = churn.risk(customerId);
    } catch (NotFoundException | ModelNotReadyException e) {
      return null;
    }
    switch (action) {
      case WIN_BACK, RE_ENGAGEMENT:
        return risk.valueAtRisk().amount();
      case VIP_CARE:
        return risk.lifetimeValue().amount();
      case CROSS_SELL:
        ActionCandidate c = crossSell(suggestion(customerId), risk.valueAtRisk().currency(),
            new Uplift(1.0, ASSUMED, null, "uplift 1"));
        Money ev = c.expectedValue();
        return c.eligible() && ev != null ? ev.amount() : null;
      default:
        return null;
    }
  }

  private @Nullable CrossSellSuggestion suggestion(String customerId) {
    try {
      List<CrossSellSuggestion> top = affinity.crossSell(customerId, 1);
      return top.isEmpty() ? null : top.get(0);
    } catch (ModelNotReadyException e) {
      return null;
    }
  }

  private ActionCandidate crossSell(@Nullable CrossSellSuggestion s, Currency currency, Uplift u) {
    double uplift = u.value;
    if (s == null) {
      return ineligible(ActionType.CROSS_SELL, "no rule of the active run suggests a product", u);
    }
    String productId = s.product().productId();
    ProductStats stats;
    try {
      stats = products.product(productId);
    } catch (NotFoundException e) {
      return ineligible(ActionType.CROSS_SELL, "product " + productId + " has no sales figures", u);
    }
    Money revenue = stats.revenue().stream().filter(m -> m.currency().equals(currency)).findFirst().orElse(null);
    if (revenue == null || stats.orders() == 0) {
      return ineligible(ActionType.CROSS_SELL, "product " + productId + " has no sales in "
          + currency.getCurrencyCode(), u);
    }
    BigDecimal perOrder = revenue.amount().divide(BigDecimal.valueOf(stats.orders()), 10, RoundingMode.HALF_EVEN);
    double confidence = s.rule().confidence();
    Money ev = round(perOrder.multiply(BigDecimal.valueOf(uplift)).multiply(BigDecimal.valueOf(confidence)),
        currency);
    return new ActionCandidate(ActionType.CROSS_SELL, true, ev, u.describe() + " × confidence "
        + fixed(confidence, 4) + " of the rule " + ids(s.rule().antecedent()) + " → " + ids(s.rule().consequent())
        + " × revenue per order of " + productId + " " + money(round(perOrder, currency)) + " = " + money(ev),
        uplift, u.source, u.experimentId);
  }

  private ActionCandidate vip(ChurnRisk risk, ActionPolicy p) {
    Uplift u = uplift(ActionType.VIP_CARE, p.vipUplift());
    double uplift = u.value;
    if (risk.churnRisk() > p.vipMaximumRisk()) {
      return ineligible(ActionType.VIP_CARE, "churn risk " + fixed(risk.churnRisk(), 4) + " is above "
          + p.vipMaximumRisk(), u);
    }
    Money ltv = risk.lifetimeValue();
    Money level = round(BigDecimal.valueOf(vipLevel(risk.runId(), p.vipTopShare())), ltv.currency());
    if (ltv.amount().compareTo(level.amount()) < 0 || ltv.amount().signum() <= 0) {
      return ineligible(ActionType.VIP_CARE, "lifetime value " + money(ltv) + " is below the run's top "
          + percent(p.vipTopShare()) + " (from " + money(level) + ")", u);
    }
    Money ev = round(ltv.amount().multiply(BigDecimal.valueOf(uplift)), ltv.currency());
    return new ActionCandidate(ActionType.VIP_CARE, true, ev, "lifetime value " + money(ltv) + " × "
        + u.describe() + " = " + money(ev), uplift, u.source, u.experimentId);
  }

  /** The lowest lifetime value among the run's top share of scored customers (at least one customer). */
  private double vipLevel(long runId, double share) {
    return vipLevels.computeIfAbsent(runId + ":" + share, key -> access.read("Reading the VIP level of run "
        + runId, h -> {
          long n = h.createQuery(access.sql("SELECT COUNT(*) FROM {customer_scores} WHERE run_id = :run"))
              .bind("run", runId).mapTo(Long.class).one();
          long rank = Math.max(1, (long) Math.ceil(share * n));
          return h.createQuery(access.sql("SELECT ltv FROM {customer_scores} WHERE run_id = :run"
                  + " ORDER BY ltv DESC OFFSET " + (rank - 1) + " ROWS FETCH FIRST 1 ROWS ONLY"))
              .bind("run", runId).mapTo(Double.class).findOne().orElse(Double.POSITIVE_INFINITY);
        }));
  }

  private static ActionCandidate ineligible(ActionType type, String why, Uplift u) {
    return new ActionCandidate(type, false, null, why, u.value, u.source, u.experimentId);
  }

  private static String explanation(ActionCandidate best, ChurnRisk risk, CustomerProfile profile,
      @Nullable CrossSellSuggestion s, ActionPolicy p) {
    String worth = "worth " + money(Objects.requireNonNull(best.expectedValue())) + ", more than any other action";
    return switch (best.action()) {
      case WIN_BACK -> "Win back: churn risk " + fixed(risk.churnRisk(), 4) + " is at or above "
          + p.winBackMinimumRisk() + ", and recovering " + percent(best.uplift()) + " of the "
          + money(risk.valueAtRisk()) + " at risk is " + worth + ".";
      case RE_ENGAGEMENT -> "Re-engage: the last order was " + profile.daysSinceLastOrder() + " days ago, and"
          + " recovering " + percent(best.uplift()) + " of the " + money(risk.valueAtRisk())
          + " at risk is " + worth + ".";
      case CROSS_SELL -> "Cross-sell " + (s == null ? "" : name(s)) + ": the customer's purchases match a rule of"
          + " the active run, and the suggestion is " + worth + ".";
      case VIP_CARE -> "VIP care: a lifetime value of " + money(risk.lifetimeValue()) + " is in the run's top "
          + percent(p.vipTopShare()) + " at a churn risk of " + fixed(risk.churnRisk(), 4) + ", and care is "
          + worth + ".";
      case NONE -> "No action.";
    };
  }

  private static String fill(@Nullable String template, CustomerProfile profile, @Nullable CrossSellSuggestion s) {
    if (template == null) {
      return "";
    }
    String name = profile.name() == null || profile.name().isBlank() ? "there" : profile.name();
    String top = profile.topProducts().isEmpty() ? "your favourites" : profile.topProducts().get(0).name();
    Long days = profile.daysSinceLastOrder();
    Map<String, String> values = Map.of(
        "name", name,
        "daysSinceLastOrder", days == null ? "some" : Long.toString(days),
        "topProduct", top,
        "suggestedProduct", s == null ? "" : name(s));
    // One pass over the template: a value (a customer's name, a product's) is never read again for placeholders.
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 64);
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String ids(List<ProductRef> products) {
    return "{" + String.join(", ", products.stream().map(ProductRef::productId).toList()) + "}";
  }

  private static String name(CrossSellSuggestion s) {
    String n = s.product().name();
    return n == null || n.isBlank() ? s.product().productId() : n;
  }

  private static Money round(BigDecimal amount, Currency currency) {
    return Money.of(amount.setScale(Money.minorUnitDigits(currency), RoundingMode.HALF_EVEN), currency);
  }

  private static String money(@Nullable Money m) {
    return m == null ? "-" : m.amount().toPlainString() + " " + m.currency().getCurrencyCode();
  }

  private static String fixed(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  private static String percent(double share) {
    return BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + " %";
  }
}
