package dev.custintel.analytics.activity;

import java.time.ZoneId;

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
}
