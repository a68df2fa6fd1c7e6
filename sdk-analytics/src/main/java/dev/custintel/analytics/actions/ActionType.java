package dev.custintel.analytics.actions;

import java.util.Locale;

/** The actions next best action chooses from. */
public enum ActionType {
  /** Win back a customer likely to have left: churn risk at or above the policy's level. */
  WIN_BACK,
  /** Re-engage a customer who has not ordered for the policy's number of days. */
  RE_ENGAGEMENT,
  /** Suggest the product the run's affinity rules rank first for the customer. */
  CROSS_SELL,
  /** Look after a valuable customer at low risk. */
  VIP_CARE,
  /** Nothing clears the minimum expected value: leave the customer alone. */
  NONE;

  /** @return the name on the wire, such as {@code win_back} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
