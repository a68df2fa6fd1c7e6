package dev.custintel.analytics.churn;

import dev.custintel.core.model.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * Churn risk across all customers of the active model run.
 *
 * @param runId the model run
 * @param asOf the run's as-of day
 * @param customers customers scored
 * @param meanChurnRisk mean churn risk: the expected share of customers who have stopped buying, from 0 to 1,
 *     rounded half-even to four decimals ({@link dev.custintel.core.model.Probabilities#rounded}) from the exact mean
 * @param expectedActiveCustomers sum of P(alive): how many customers are expected to still be active
 * @param distribution ten bands of churn risk, [0, 0.1) to [0.9, 1], with their customer counts and value at risk
 * @param low customers at {@link RiskLevel#LOW}
 * @param medium customers at {@link RiskLevel#MEDIUM}
 * @param high customers at {@link RiskLevel#HIGH}
 * @param totalValueAtRisk sum of every customer's value at risk
 * @param totalLifetimeValue sum of every customer's expected value over the run's horizon
 */
public record ChurnSummary(
    long runId,
    LocalDate asOf,
    long customers,
    double meanChurnRisk,
    double expectedActiveCustomers,
    List<RiskBand> distribution,
    long low,
    long medium,
    long high,
    Money totalValueAtRisk,
    Money totalLifetimeValue) {

  /** Copies the list. */
  public ChurnSummary {
    distribution = List.copyOf(distribution);
  }

  /**
   * One band of the churn-risk distribution.
   *
   * @param from lower bound, inclusive
   * @param to upper bound, exclusive (inclusive for the last band)
   * @param customers customers in the band
   * @param valueAtRisk their total value at risk
   */
  public record RiskBand(double from, double to, long customers, Money valueAtRisk) {}
}
