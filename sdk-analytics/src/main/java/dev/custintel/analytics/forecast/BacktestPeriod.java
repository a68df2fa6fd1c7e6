package dev.custintel.analytics.forecast;

import java.time.LocalDate;

/**
 * One period of a {@link ForecastBacktest}.
 *
 * @param index 1 for the first period after the cutoff
 * @param start the period's first day (UTC)
 * @param predicted forecast transactions (existing customers' repeats plus new customers' transactions)
 * @param actual purchase days in the period (a customer's purchases on one day count once, as in the models)
 * @param cumulativePredicted predicted transactions from period 1 to this one
 * @param cumulativeActual actual transactions from period 1 to this one
 */
public record BacktestPeriod(
    int index, LocalDate start, double predicted, long actual, double cumulativePredicted, long cumulativeActual) {}
