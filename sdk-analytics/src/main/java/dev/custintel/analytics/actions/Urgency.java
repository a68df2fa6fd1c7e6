package dev.custintel.analytics.actions;

/** How soon to act: HIGH for a win-back at high risk, MEDIUM for other win-backs and re-engagement, else LOW. */
public enum Urgency {
  /** Act now: the customer is probably leaving (churn risk at or above the high level, 0.8). */
  HIGH,
  /** Act this week. */
  MEDIUM,
  /** When convenient. */
  LOW,
  /** No action. */
  NONE
}
