package dev.custintel.analytics.churn;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import java.util.List;

/**
 * Churn risk from the active model run ({@code ci.models().refresh()} makes one): per customer, across the base,
 * and the at-risk list. Reads are indexed lookups. Churn risk is {@code 1 − P(alive)} of the run's purchase model
 * (by default the modified BG/NBD, under which one-time buyers can churn); the run's backtest reports how well it
 * separates customers who bought again from those who did not (AUC) and its calibration. Thread-safe.
 */
public interface ChurnClient {

  /**
   * @param customerId a customer
   * @return the customer's churn risk
   * @throws ModelNotReadyException if no model run is active
   * @throws NotFoundException if the active run has no score for the customer (unknown, or no purchase in the
   *     run's currency up to its as-of day)
   */
  ChurnRisk risk(String customerId);

  /**
   * @return the distribution of churn risk over all scored customers
   * @throws ModelNotReadyException if no model run is active
   */
  ChurnSummary summary();

  /**
   * The customers most worth winning back, by value at risk.
   *
   * @param limit at most this many, 1 to 10,000
   * @return customers by value at risk, highest first (ties by customer id)
   * @throws InvalidInputException {@code "limit"} if out of range
   * @throws ModelNotReadyException if no model run is active
   */
  List<AtRiskCustomer> atRisk(int limit);

  /**
   * The customers most worth winning back among those with at least a given churn risk.
   *
   * @param limit at most this many, 1 to 10,000
   * @param minimumChurnRisk only customers whose churn risk is at least this, in [0, 1]
   * @return customers by value at risk, highest first (ties by customer id)
   * @throws InvalidInputException {@code "limit"} or {@code "minimumChurnRisk"} if out of range
   * @throws ModelNotReadyException if no model run is active
   */
  List<AtRiskCustomer> atRisk(int limit, double minimumChurnRisk);

  /**
   * The customers with the most value at risk that match the query: a least churn risk, a segment the active run
   * stored, a country.
   *
   * @param query which customers
   * @return up to {@code query.limit()} customers, by value at risk, highest first, then by id
   * @throws dev.custintel.core.ModelNotReadyException if no model run is active, or the query names a segment
   *     of a preset the active run did not store
   */
  List<AtRiskCustomer> atRisk(AtRiskQuery query);
}
