package dev.custintel.analytics.ltv;

import dev.custintel.analytics.clv.Horizon;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import java.util.List;

/**
 * Lifetime value from the active model run ({@code ci.models().refresh()} makes one). Thread-safe.
 *
 * <p>Value over a horizon = expected spend per purchase (Gamma-Gamma) × expected purchases month by month
 * (the run's purchase model), discounted at the run's monthly rate; see
 * {@link dev.custintel.analytics.clv.CustomerValueModel} for the formula and the interval method.
 */
public interface LtvClient {

  /**
   * The customer's value over the active run's horizon (12 months by default), as stored by the run, with its
   * drivers.
   *
   * @param customerId a customer
   * @return the prediction
   * @throws ModelNotReadyException if no model run is active
   * @throws NotFoundException if the active run has no score for the customer
   */
  LtvPrediction predict(String customerId);

  /**
   * The customer's value over another horizon, computed from the active run's fitted models (same discount rate
   * and interval level).
   *
   * @param customerId a customer
   * @param horizon how far ahead
   * @return the prediction
   * @throws ModelNotReadyException if no model run is active
   * @throws NotFoundException if the active run has no score for the customer
   * @throws NullPointerException if {@code horizon} is null
   */
  LtvPrediction predict(String customerId, Horizon horizon);

  /**
   * @param limit at most this many, 1 to 10,000
   * @return the customers with the highest value over the run's horizon, highest first (ties by customer id)
   * @throws InvalidInputException {@code "limit"} if out of range
   * @throws ModelNotReadyException if no model run is active
   */
  List<RankedValue> top(int limit);
}
