package dev.custintel.core.customer;

/** Order of customer query results. */
public enum CustomerSort {
  /** By customer id, ascending. Pages are stable while data changes (keyset paging). */
  ID,
  /** By net spend in the period, highest first, then by id. Requires a single currency. */
  SPEND_DESC,
  /**
   * By purchases in the period, most first, then by net spend (when the customer's orders share one currency) and
   * by id.
   */
  ORDERS_DESC
}
