package dev.custintel.analytics.events;

import dev.custintel.core.InvalidInputException;
import java.util.Locale;

/** What happened to a customer. Each has a snake-case wire name, used in the database, JSON and query strings. */
public enum EventType {
  /** The customer's predicted lifetime value rose into the high-value band ({@link EventRules}). */
  HIGH_VALUE_CUSTOMER,
  /** The customer's churn risk rose to the alert level ({@link EventRules}). */
  CHURN_RISK_ALERT,
  /** A model run put the customer in another RFM segment than the run before. */
  SEGMENT_CHANGED;

  /** @return the wire name, such as {@code churn_risk_alert} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param wireName a wire name such as {@code segment_changed} (upper case is accepted too)
   * @return the type
   * @throws InvalidInputException naming {@code type} when there is no such type
   */
  public static EventType fromWireName(String wireName) {
    if (wireName != null) {
      for (EventType t : values()) {
        if (t.wireName().equalsIgnoreCase(wireName.trim())) {
          return t;
        }
      }
    }
    throw InvalidInputException.argument("type", "must be one of high_value_customer, churn_risk_alert,"
        + " segment_changed (was " + (wireName == null ? "null" : "'" + wireName + "'") + ")");
  }
}
