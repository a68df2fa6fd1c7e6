package dev.custintel.analytics.clv.summary;

import java.math.BigDecimal;

/**
 * One customer's purchases in the holdout period (after the calibration end, up to and including the holdout end).
 *
 * @param customerId the customer
 * @param purchases number of distinct purchase days in the holdout period; at least 0
 * @param amount total amount spent in the holdout period; 0 when {@code purchases} is 0
 */
public record HoldoutActivity(String customerId, int purchases, BigDecimal amount) {}
