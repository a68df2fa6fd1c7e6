package dev.custintel.analytics.activity;

import dev.custintel.core.customer.DateRange;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The shop's activity right now, in a few figures that a dashboard refreshes every few seconds. The database
 * computes them (three aggregate statements in one snapshot, over the orders' time index and the active run's
 * scores), so the cost does not grow with the number of customers read in Java.
 *
 * <pre>{@code
 * ShopActivity a = ci.activity().now(ZoneId.of("Europe/Paris"));
 * System.out.println(a.ordersToday() + " orders today, " + a.revenueToday());
 * }</pre>
 */
public interface ActivityClient {
  /**
   * @param zone the zone whose calendar day is "today"
   * @return the figures as of the facade's clock's now
   */
  ShopActivity now(ZoneId zone);

  /**
   * The shop's figures over a period: orders, returns, net revenue per currency, and the customers who bought in it,
   * new (first purchase ever in it) and returning.
   *
   * @param period the period, half-open; null for all time
   * @return the figures
   */
  PeriodActivity period(@Nullable DateRange period);

  /**
   * The best-selling products: by the number of purchases that contain them, then by units, then by id.
   *
   * @param period purchases placed in this period; null for all time
   * @param limit how many, 1 to 1,000
   * @return up to {@code limit} products that sold, best first
   * @throws dev.custintel.core.InvalidInputException if {@code limit} is out of range ("limit")
   */
  List<ProductSales> topProducts(@Nullable DateRange period, int limit);

  /**
   * @param days at least 1
   * @return customers with a purchase whose last purchase is at least {@code days} days (of 24 hours) before the
   *     facade's clock's now
   * @throws dev.custintel.core.InvalidInputException if {@code days} is less than 1 ("days")
   */
  long inactiveCustomers(int days);
}
