package dev.custintel.analytics.ask;

import dev.custintel.core.InvalidInputException;
import java.util.Locale;

/** The customers {@link Intent#CUSTOMER_COUNT} counts. */
public enum CustomerState {
  /** Every customer with at least one purchase. */
  ALL,
  /** Customers with a purchase in the last 30 days. */
  ACTIVE,
  /** Customers whose last purchase is at least {@link AskQuery#days()} days ago. */
  INACTIVE,
  /** Customers of the active model run at high churn risk (0.8 or more). */
  HIGH_RISK;

  /** @return the name on the wire, such as {@code high_risk} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param wireName such as {@code high_risk}
   * @return the state
   * @throws InvalidInputException if there is no such state ("state")
   */
  public static CustomerState fromWire(String wireName) {
    for (CustomerState s : values()) {
      if (s.wireName().equals(wireName)) {
        return s;
      }
    }
    throw InvalidInputException.argument("state", "must be all, active, inactive or high_risk (was '" + wireName
        + "')");
  }
}
