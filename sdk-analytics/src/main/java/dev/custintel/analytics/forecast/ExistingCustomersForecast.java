package dev.custintel.analytics.forecast;

import dev.custintel.core.model.Money;

/**
 * What the customers known at the calibration end are expected to do in one period (or over the whole horizon).
 *
 * @param expectedRepeatTransactions expected purchase days, 0 or more: the sum over customers of the increase of
 *     their conditional expected purchases {@code E[Y(t) | x, t_x, T]} across the period
 * @param low lower end of the interval from the purchase model's parameter uncertainty, at most the point
 * @param high upper end of that interval, at least the point
 * @param expectedRevenue the sum over customers of their expected purchases in the period times their Gamma-Gamma
 *     expected spend per purchase, rounded to the currency's minor unit
 */
public record ExistingCustomersForecast(
    double expectedRepeatTransactions, double low, double high, Money expectedRevenue) {}
