package dev.custintel.analytics.churn;

/**
 * Churn risk in three bands, for lists and badges. The bands' bounds are defined here only: the churn summary's
 * SQL counts customers per band with these same values, so the counts always agree with {@link #of}.
 */
public enum RiskLevel {
  /** Churn risk below 0.5: more likely active than not. */
  LOW(0.0),
  /** Churn risk from 0.5 to below 0.8. */
  MEDIUM(0.5),
  /** Churn risk 0.8 or more: most likely gone. */
  HIGH(0.8);

  private final double lowerBound;

  RiskLevel(double lowerBound) {
    this.lowerBound = lowerBound;
  }

  /**
   * The least churn risk in this band; the band runs up to, not including, the next band's lower bound (HIGH up
   * to 1 inclusive).
   *
   * @return 0 for LOW, 0.5 for MEDIUM, 0.8 for HIGH
   */
  public double lowerBound() {
    return lowerBound;
  }

  /**
   * @param churnRisk a probability
   * @return its band
   */
  public static RiskLevel of(double churnRisk) {
    return churnRisk >= HIGH.lowerBound ? HIGH : churnRisk >= MEDIUM.lowerBound ? MEDIUM : LOW;
  }
}
