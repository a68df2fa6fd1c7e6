package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.CohortRequest;
import org.jdbi.v3.core.Handle;

/** One way of computing the cells of a cohort table in the database. Not API. */
interface CohortQuery {
  /**
   * @param h a handle inside the read's snapshot
   * @param currency the ISO code of the orders to count
   * @param r the request (period, zone, rolling days, filters)
   * @param out where the cells go
   */
  void run(Handle h, String currency, CohortRequest r, CohortCells out);
}
