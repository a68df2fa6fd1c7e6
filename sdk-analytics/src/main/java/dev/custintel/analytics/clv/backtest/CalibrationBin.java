package dev.custintel.analytics.clv.backtest;

/**
 * One bin of the P(alive) calibration table: customers ranked by predicted P(alive) and cut into (up to ten)
 * groups of nearly equal size.
 *
 * @param bin 1 for the customers with the lowest P(alive), up to 10 for the highest
 * @param customers number of customers in the bin
 * @param minPredicted lowest P(alive) in the bin
 * @param maxPredicted highest P(alive) in the bin
 * @param meanPredicted mean P(alive) in the bin
 * @param observedShare share of the bin's customers with at least one holdout purchase
 */
public record CalibrationBin(
    int bin, int customers, double minPredicted, double maxPredicted, double meanPredicted, double observedShare) {}
