package dev.custintel.analytics.clv.backtest;

/**
 * One customer's holdout prediction next to what the customer did.
 *
 * @param customerId the customer
 * @param predictedPurchases expected purchases in the holdout period given the calibration summary
 * @param actualPurchases purchase days in the holdout period
 * @param probabilityAlive P(alive) at the calibration end
 */
public record CustomerPrediction(
    String customerId, double predictedPurchases, int actualPurchases, double probabilityAlive) {}
