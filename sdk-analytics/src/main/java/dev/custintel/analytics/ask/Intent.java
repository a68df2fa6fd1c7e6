package dev.custintel.analytics.ask;

import dev.custintel.core.InvalidInputException;
import java.util.Locale;

/** What a question asks for. Each intent is answered by one of the SDK's clients. */
public enum Intent {
  /** The best customers by net spend, optionally in a period and a country ("VIP", "biggest spenders"). */
  TOP_CUSTOMERS_BY_SPEND("top customers by spend", "Top 10 VIP customers this month"),
  /** The customers with the most purchases, optionally in a period and a country. */
  TOP_CUSTOMERS_BY_ORDERS("top customers by number of orders", "Who ordered most often last quarter?"),
  /** The customers with the highest predicted lifetime value (the active model run's horizon). */
  TOP_CUSTOMERS_BY_LTV("top customers by predicted lifetime value", "Highest lifetime value customers"),
  /** The customers with the most value at risk (churn risk × value if still active). */
  TOP_CUSTOMERS_BY_VALUE_AT_RISK("customers with the most value at risk", "Where is the most revenue at risk?"),
  /** Customers whose last purchase is at least a number of days ago, optionally in a country. */
  INACTIVE_CUSTOMERS("inactive customers", "Which customers haven't purchased in 90 days?"),
  /** Customers at or above a churn risk, optionally in a segment or a country. */
  HIGH_CHURN_RISK("customers at high churn risk", "Show me high churn risk customers"),
  /** The customers of one RFM segment of the active run. */
  SEGMENT_MEMBERS("members of a segment", "Who is in the champions segment?"),
  /** How many customers each RFM segment has. */
  SEGMENT_SIZES("segment sizes", "How big is each segment?"),
  /** One customer's profile. */
  CUSTOMER_PROFILE("a customer's profile", "Tell me about customer C-00000042"),
  /** One customer's churn risk. */
  CUSTOMER_CHURN_RISK("a customer's churn risk", "Is customer C-00000042 likely to churn?"),
  /** One customer's predicted lifetime value. */
  CUSTOMER_LTV("a customer's predicted lifetime value", "What is the LTV of customer C-00000042?"),
  /** One customer's next best action. */
  CUSTOMER_NEXT_BEST_ACTION("a customer's next best action", "What should we do next with customer C-00000042?"),
  /** Retention by cohort of first purchase, optionally of cohorts that first bought in a period. */
  COHORT_RETENTION("cohort retention", "Cohort retention this year"),
  /** Products bought together with one product. */
  BOUGHT_TOGETHER("products bought together", "What is bought together with the AeroPress?"),
  /** Products to offer one customer. */
  CROSS_SELL("cross-sell for a customer", "What can we cross-sell to customer C-00000042?"),
  /** Expected revenue for a horizon. */
  REVENUE_FORECAST("revenue forecast", "Revenue forecast for the next 3 months"),
  /** Expected number of orders for a horizon. */
  ORDER_FORECAST("order forecast", "How many orders will we get next quarter?"),
  /** Net revenue in a period. */
  REVENUE("revenue", "What was our revenue last month?"),
  /** Number of orders in a period. */
  ORDER_COUNT("number of orders", "How many orders this week?"),
  /** New versus returning customers in a period. */
  NEW_VS_RETURNING("new versus returning customers", "New vs returning customers this year"),
  /** How many customers are in a state (all, active, inactive, at high risk). */
  CUSTOMER_COUNT("number of customers", "How many customers are at high risk?"),
  /** Customers per churn risk level and the value at risk. */
  CHURN_SUMMARY("churn overview", "Give me the churn overview"),
  /** Today's orders, revenue and active customers. */
  TODAY("today's activity", "How are we doing today?"),
  /** The best-selling products, optionally in a period. */
  TOP_PRODUCTS("top products", "Best selling products last month");

  private final String description;
  private final String example;

  Intent(String description, String example) {
    this.description = description;
    this.example = example;
  }

  /** @return the name on the wire, such as {@code top_customers_by_spend} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return what the intent answers, in a few words */
  public String description() {
    return description;
  }

  /** @return a question that asks for it */
  public String example() {
    return example;
  }

  /**
   * @param wireName such as {@code top_customers_by_spend}
   * @return the intent
   * @throws InvalidInputException if there is no such intent ("intent")
   */
  public static Intent fromWire(String wireName) {
    for (Intent i : values()) {
      if (i.wireName().equals(wireName)) {
        return i;
      }
    }
    throw InvalidInputException.argument("intent", "is not a known intent (was '" + wireName + "')");
  }
}
