package dev.custintel.analytics.actions;

import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of next best action and the response uplifts it assumes. Each candidate's expected value:
 *
 * <ul>
 *   <li>{@link ActionType#WIN_BACK}, when churn risk ≥ {@code winBackMinimumRisk}: value at risk × {@code
 *       winBackUplift} (the share of what is at risk that a win-back recovers);
 *   <li>{@link ActionType#RE_ENGAGEMENT}, when the last order is ≥ {@code reengagementAfterDays} days old: value at
 *       risk × {@code reengagementUplift};
 *   <li>{@link ActionType#CROSS_SELL}, when the run's affinity rules suggest a product: {@code crossSellUplift} ×
 *       the rule's confidence × the product's revenue per order (in the run's currency);
 *   <li>{@link ActionType#VIP_CARE}, when churn risk ≤ {@code vipMaximumRisk} and the lifetime value is in the
 *       run's top {@code vipTopShare}: lifetime value × {@code vipUplift}.
 * </ul>
 *
 * The highest wins when it reaches {@code minimumExpectedValue}; otherwise the answer is {@link ActionType#NONE}.
 * The uplifts are assumptions until an experiment measures them: the defaults are round, conservative figures, not
 * measurements, and every response says which it used.
 *
 * @param winBackMinimumRisk churn risk from which a win-back applies, in (0, 1]
 * @param winBackUplift share of the value at risk a win-back recovers, in [0, 1]
 * @param reengagementAfterDays days without an order from which re-engagement applies, at least 1
 * @param reengagementUplift share of the value at risk a re-engagement recovers, in [0, 1]
 * @param crossSellUplift share of the rule's confidence realised when the product is suggested, in [0, 1]
 * @param vipMaximumRisk churn risk up to which VIP care applies, in [0, 1]
 * @param vipTopShare the top share of the run's lifetime values that counts as VIP, in (0, 1]
 * @param vipUplift share of the lifetime value VIP care adds, in [0, 1]
 * @param minimumExpectedValue the least expected value worth an action, in the run's currency, at least 0
 * @param templates the content template per action; placeholders {@code {name}}, {@code {daysSinceLastOrder}},
 *     {@code {topProduct}} and {@code {suggestedProduct}} are filled from the customer's profile
 */
public record ActionPolicy(
    double winBackMinimumRisk,
    double winBackUplift,
    int reengagementAfterDays,
    double reengagementUplift,
    double crossSellUplift,
    double vipMaximumRisk,
    double vipTopShare,
    double vipUplift,
    BigDecimal minimumExpectedValue,
    Map<ActionType, String> templates) {

  private static final Map<ActionType, String> DEFAULT_TEMPLATES = defaultTemplates();

  /** @throws InvalidInputException naming the field that is out of range */
  public ActionPolicy {
    range("winBackMinimumRisk", winBackMinimumRisk, false);
    share("winBackUplift", winBackUplift);
    if (reengagementAfterDays < 1) {
      throw InvalidInputException.argument("reengagementAfterDays", "must be at least 1 (was "
          + reengagementAfterDays + ")");
    }
    share("reengagementUplift", reengagementUplift);
    share("crossSellUplift", crossSellUplift);
    share("vipMaximumRisk", vipMaximumRisk);
    range("vipTopShare", vipTopShare, false);
    share("vipUplift", vipUplift);
    Objects.requireNonNull(minimumExpectedValue, "minimumExpectedValue");
    if (minimumExpectedValue.signum() < 0) {
      throw InvalidInputException.argument("minimumExpectedValue", "must be 0 or more (was "
          + minimumExpectedValue.toPlainString() + ")");
    }
    Map<ActionType, String> all = new EnumMap<>(DEFAULT_TEMPLATES);
    Objects.requireNonNull(templates, "templates").forEach((type, text) -> all.put(
        Objects.requireNonNull(type, "templates key"), Objects.requireNonNull(text, "templates value")));
    templates = Map.copyOf(all);
  }

  /**
   * @return win-back from churn risk 0.5 recovering 15 % of the value at risk, re-engagement after 60 days
   *     recovering 5 %, cross-sell realising 10 % of the rule's confidence, VIP care for the top 10 % of lifetime
   *     values up to churn risk 0.2 adding 2 %, and no action below 1.00 of expected value
   */
  public static ActionPolicy defaults() {
    return new ActionPolicy(0.5, 0.15, 60, 0.05, 0.10, 0.2, 0.10, 0.02, new BigDecimal("1.00"), Map.of());
  }

  /** @return this policy with another win-back rule */
  public ActionPolicy withWinBack(double minimumRisk, double uplift) {
    return new ActionPolicy(minimumRisk, uplift, reengagementAfterDays, reengagementUplift, crossSellUplift,
        vipMaximumRisk, vipTopShare, vipUplift, minimumExpectedValue, templates);
  }

  /** @return this policy with another re-engagement rule */
  public ActionPolicy withReengagement(int afterDays, double uplift) {
    return new ActionPolicy(winBackMinimumRisk, winBackUplift, afterDays, uplift, crossSellUplift,
        vipMaximumRisk, vipTopShare, vipUplift, minimumExpectedValue, templates);
  }

  /** @return this policy with another cross-sell uplift */
  public ActionPolicy withCrossSell(double uplift) {
    return new ActionPolicy(winBackMinimumRisk, winBackUplift, reengagementAfterDays, reengagementUplift, uplift,
        vipMaximumRisk, vipTopShare, vipUplift, minimumExpectedValue, templates);
  }

  /** @return this policy with another VIP rule */
  public ActionPolicy withVip(double maximumRisk, double topShare, double uplift) {
    return new ActionPolicy(winBackMinimumRisk, winBackUplift, reengagementAfterDays, reengagementUplift,
        crossSellUplift, maximumRisk, topShare, uplift, minimumExpectedValue, templates);
  }

  /** @return this policy with another minimum expected value */
  public ActionPolicy withMinimumExpectedValue(BigDecimal minimum) {
    return new ActionPolicy(winBackMinimumRisk, winBackUplift, reengagementAfterDays, reengagementUplift,
        crossSellUplift, vipMaximumRisk, vipTopShare, vipUplift, minimum, templates);
  }

  /** @return this policy with these templates replacing the defaults of their actions */
  public ActionPolicy withTemplates(Map<ActionType, String> replacements) {
    Map<ActionType, String> all = new EnumMap<>(templates);
    all.putAll(replacements);
    return new ActionPolicy(winBackMinimumRisk, winBackUplift, reengagementAfterDays, reengagementUplift,
        crossSellUplift, vipMaximumRisk, vipTopShare, vipUplift, minimumExpectedValue, all);
  }

  private static Map<ActionType, String> defaultTemplates() {
    Map<ActionType, String> t = new EnumMap<>(ActionType.class);
    t.put(ActionType.WIN_BACK, "Hi {name}, we miss you! It has been {daysSinceLastOrder} days since your last"
        + " order. Here is something to welcome you back to {topProduct}.");
    t.put(ActionType.RE_ENGAGEMENT, "Hi {name}, it has been {daysSinceLastOrder} days. See what is new since your"
        + " {topProduct}.");
    t.put(ActionType.CROSS_SELL, "Hi {name}, customers who buy {topProduct} also like {suggestedProduct}.");
    t.put(ActionType.VIP_CARE, "Hi {name}, thank you for being one of our best customers. A little something"
        + " for you, with your next {topProduct}.");
    t.put(ActionType.NONE, "");
    return t;
  }

  private static void share(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw InvalidInputException.argument(field, "must be between 0 and 1 (was " + value + ")");
    }
  }

  private static void range(String field, double value, boolean zeroAllowed) {
    if (!((zeroAllowed ? value >= 0 : value > 0) && value <= 1)) {
      throw InvalidInputException.argument(field, "must be above 0 and at most 1 (was " + value + ")");
    }
  }
}
