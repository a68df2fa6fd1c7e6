package dev.custintel.core.customer;

import dev.custintel.core.InvalidInputException;
import java.util.Currency;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A query over customers who have at least one order. Filters combine with AND.
 *
 * <pre>{@code
 * ci.customers().query(CustomerQuery.builder().inactiveForAtLeastDays(90).country("France").limit(50).build());
 * }</pre>
 *
 * @param period only orders in this period count toward orders and spend; null for all time
 * @param currency only orders in this currency count; null for all (spend is then null for mixed currencies)
 * @param inactiveForAtLeastDays customers whose last purchase (ever) is at least this many days before now; null
 *     for no filter
 * @param country customers whose country equals this (case-sensitive, as stored); null for no filter
 * @param minOrders customers with at least this many purchases in the period; at least 1
 * @param sort result order
 * @param limit page size, 1 to 1,000
 * @param after the previous page's {@link CustomerPage#nextCursor()}, or null for the first page
 */
public record CustomerQuery(
    @Nullable DateRange period,
    @Nullable Currency currency,
    @Nullable Integer inactiveForAtLeastDays,
    @Nullable String country,
    int minOrders,
    CustomerSort sort,
    int limit,
    @Nullable String after) {

  /** Largest page size. */
  public static final int MAX_LIMIT = 1_000;

  /** Validates the query. */
  public CustomerQuery {
    Objects.requireNonNull(sort, "sort");
    if (inactiveForAtLeastDays != null && inactiveForAtLeastDays < 0) {
      throw InvalidInputException.argument(
          "inactiveForAtLeastDays", "must not be negative (was " + inactiveForAtLeastDays + ")");
    }
    if (minOrders < 1) {
      throw InvalidInputException.argument("minOrders", "must be at least 1 (was " + minOrders + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
  }

  /** @return a builder: all customers with an order, by id, 100 a page */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param cursor the previous page's cursor
   * @return the same query for the next page
   */
  public CustomerQuery withAfter(@Nullable String cursor) {
    return new CustomerQuery(period, currency, inactiveForAtLeastDays, country, minOrders, sort, limit, cursor);
  }

  /** Builds a {@link CustomerQuery}. */
  public static final class Builder {
    private @Nullable DateRange period;
    private @Nullable Currency currency;
    private @Nullable Integer inactiveDays;
    private @Nullable String country;
    private int minOrders = 1;
    private CustomerSort sort = CustomerSort.ID;
    private int limit = 100;
    private @Nullable String after;

    private Builder() {}

    /**
     * @param value only orders in this period count
     * @return this builder
     */
    public Builder period(DateRange value) {
      this.period = Objects.requireNonNull(value, "period");
      return this;
    }

    /**
     * @param value only orders in this currency count
     * @return this builder
     */
    public Builder currency(Currency value) {
      this.currency = Objects.requireNonNull(value, "currency");
      return this;
    }

    /**
     * @param days customers whose last purchase is at least this many days ago
     * @return this builder
     */
    public Builder inactiveForAtLeastDays(int days) {
      this.inactiveDays = days;
      return this;
    }

    /**
     * @param value customers in this country
     * @return this builder
     */
    public Builder country(String value) {
      this.country = Objects.requireNonNull(value, "country");
      return this;
    }

    /**
     * @param value at least this many purchases in the period
     * @return this builder
     */
    public Builder minOrders(int value) {
      this.minOrders = value;
      return this;
    }

    /**
     * @param value result order
     * @return this builder
     */
    public Builder sort(CustomerSort value) {
      this.sort = Objects.requireNonNull(value, "sort");
      return this;
    }

    /**
     * @param value page size, 1 to 1,000
     * @return this builder
     */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /**
     * @param cursor a previous page's cursor
     * @return this builder
     */
    public Builder after(@Nullable String cursor) {
      this.after = cursor;
      return this;
    }

    /** @return the query */
    public CustomerQuery build() {
      return new CustomerQuery(period, currency, inactiveDays, country, minOrders, sort, limit, after);
    }
  }
}
