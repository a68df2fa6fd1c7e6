package dev.custintel.analytics.clv.backtest;

/**
 * Cumulative repeat transactions at the end of one period of the calibration + holdout span.
 *
 * @param period 1-based period number; period {@code k} ends on the day before {@code start + k} periods, where
 *     {@code start} is the earliest first purchase (the last period may end earlier, at the holdout end)
 * @param actual repeat purchase days (every purchase day but each customer's first) of the backtested customers up
 *     to and including the period's last day
 * @param predicted {@code Σᵢ E[X(tₖ − tᵢ)]} over customers whose first purchase {@code tᵢ} is on or before the
 *     period's last day {@code tₖ}
 * @param inHoldout whether the period ends after the calibration end
 */
public record TrackingPoint(int period, long actual, double predicted, boolean inHoldout) {}
