/**
 * Forecasts of transactions and revenue per week or month over a horizon: existing customers from a purchase model
 * and the Gamma-Gamma spend model, new customers from a seasonal model of first orders, and a holdout backtest of
 * the whole forecast. {@link dev.custintel.analytics.forecast.Forecasts} computes them from in-memory summaries;
 * {@link dev.custintel.analytics.forecast.ForecastClient} from a store's active model run.
 */
@NullMarked
package dev.custintel.analytics.forecast;

import org.jspecify.annotations.NullMarked;
