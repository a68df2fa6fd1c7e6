package dev.custintel.core.customer;

/** Order of customer query results. */
public enum CustomerSort {
  /** By customer id, ascending. Pages are stable while data changes (keyset paging). */
  ID,
  /** By net spend in the period, highest first, then by id. Requires a single currency. */
  SPEND_DESC
}
