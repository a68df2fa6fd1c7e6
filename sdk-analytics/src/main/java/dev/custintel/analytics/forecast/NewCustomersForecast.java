package dev.custintel.analytics.forecast;

import dev.custintel.core.model.Money;

/**
 * What customers who first buy after the calibration end are expected to do in one period (or over the horizon).
 *
 * @param firstOrders forecast first orders, 0 or more (from the seasonal model of {@link NewCustomerModel})
 * @param repeatTransactions their expected repeat purchases in the period, from the purchase model's
 *     unconditional {@code E[X(t)]} with each period's new customers arriving in the middle of their period
 * @param expectedRevenue first orders times the mean first-order value, plus repeat purchases times the
 *     Gamma-Gamma population mean spend, rounded to the currency's minor unit
 */
public record NewCustomersForecast(double firstOrders, double repeatTransactions, Money expectedRevenue) {

  /** @return first orders plus repeat purchases */
  public double expectedTransactions() {
    return firstOrders + repeatTransactions;
  }
}
