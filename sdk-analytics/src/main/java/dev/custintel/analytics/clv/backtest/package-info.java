/**
 * Holdout backtests of the customer-base models: predictions made from a calibration period compared with what
 * customers actually did in the following holdout period.
 *
 * <p>{@link dev.custintel.analytics.clv.backtest.Backtest#run Backtest.run} takes a
 * {@link dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit} (computed in memory or in the database; it
 * carries the repeat purchase days per day the tracking needs, so no transactions are required) and a model behind
 * the {@link dev.custintel.analytics.clv.backtest.PurchasePredictor} interface, and reports per-customer
 * holdout accuracy (MAE, RMSE, totals), how well P(alive) separates customers who purchased in the holdout from
 * those who did not (rank AUC and a decile calibration table), and the cumulative repeat-transaction tracking of
 * Fader, Hardie &amp; Lee (2005).
 */
@NullMarked
package dev.custintel.analytics.clv.backtest;

import org.jspecify.annotations.NullMarked;
