package dev.custintel.analytics.clv.backtest;

/**
 * Accuracy of the per-customer holdout purchase predictions.
 *
 * @param customers number of customers compared
 * @param meanAbsoluteError mean of |predicted − actual| holdout purchases
 * @param rootMeanSquaredError square root of the mean of (predicted − actual)²
 * @param predictedTotal sum of the predicted holdout purchases
 * @param actualTotal sum of the actual holdout purchase days
 */
public record HoldoutAccuracy(
    int customers,
    double meanAbsoluteError,
    double rootMeanSquaredError,
    double predictedTotal,
    long actualTotal) {}
