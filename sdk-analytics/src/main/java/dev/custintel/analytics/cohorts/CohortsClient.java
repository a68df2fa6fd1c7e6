package dev.custintel.analytics.cohorts;

import dev.custintel.core.InvalidInputException;

/**
 * Cohort retention, computed in the database from the order tables (no model run needed). Thread-safe.
 *
 * <p>A customer's cohort is the period of their first purchase in the table's currency. For each cohort and
 * k = 0, 1, … up to the period of the latest order in the data, the table counts the customers active in period
 * k ("on" retention) and those active in k or later ("on or after"), the purchases, the revenue net of returns
 * and the cumulative revenue per customer.
 */
public interface CohortsClient {

  /**
   * @param request what the table covers
   * @return the table, with insights
   * @throws InvalidInputException {@code "currency"} when the shop has several currencies and none is given
   */
  CohortTable retention(CohortRequest request);
}
