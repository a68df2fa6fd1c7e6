package dev.custintel.analytics.churn;

/** Churn risk in three bands, for lists and badges. */
public enum RiskLevel {
  /** Churn risk below 0.5: more likely active than not. */
  LOW,
  /** Churn risk from 0.5 to below 0.8. */
  MEDIUM,
  /** Churn risk 0.8 or more: most likely gone. */
  HIGH;

  /**
   * @param churnRisk a probability
   * @return its band
   */
  public static RiskLevel of(double churnRisk) {
    return churnRisk >= 0.8 ? HIGH : churnRisk >= 0.5 ? MEDIUM : LOW;
  }
}
