package dev.custintel.core.customer;

import java.util.Currency;
import java.util.List;

/** Reads customers: profiles and queries. Thread-safe. */
public interface CustomerClient {

  /**
   * The customer's profile, served from a cache that ingestion of the customer's orders invalidates.
   *
   * @param customerId the shop's customer id
   * @return the profile
   * @throws dev.custintel.core.NotFoundException if no customer has that id
   */
  CustomerProfile profile(String customerId);

  /**
   * The top spenders in a period, by net spend (purchases minus returns).
   *
   * @param n how many, 1 to 1,000
   * @param period the period
   * @return up to {@code n} customers, highest first, ties broken by id
   * @throws dev.custintel.core.InvalidInputException if orders in the period use more than one currency (use
   *     {@link #top(int, DateRange, Currency)})
   */
  List<CustomerRank> top(int n, DateRange period);

  /**
   * The top spenders in a period, counting only orders in one currency.
   *
   * @param n how many, 1 to 1,000
   * @param period the period
   * @param currency the currency
   * @return up to {@code n} customers, highest first
   */
  List<CustomerRank> top(int n, DateRange period, Currency currency);

  /**
   * Customers matching a query, one page at a time.
   *
   * @param query filters, order and paging
   * @return one page; pass {@link CustomerPage#nextCursor()} to {@link CustomerQuery#withAfter(String)} for the next
   */
  CustomerPage query(CustomerQuery query);

  /** @return number of customers stored */
  long count();

  /**
   * Drops every cached profile, so the next {@link #profile(String)} of each customer reads the database again.
   *
   * <p>Ingestion through this SDK keeps the cache right by itself. Model runs call this when they activate a run,
   * so profiles show the new scores at once. Hosts call it after changing the Custintel tables outside the SDK (SQL
   * of their own, a restore); otherwise profiles may stay stale until their cache entries expire. Cheap, and safe
   * to call at any time: a profile read that overlaps the call may still return what it read, but it is not kept.
   */
  void invalidateCache();
}
