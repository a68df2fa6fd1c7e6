package dev.custintel.core.customer;

import dev.custintel.core.model.Money;

/**
 * A customer's place in a ranking by spend.
 *
 * @param rank 1 for the highest spender
 * @param customerId the customer's id
 * @param netSpent purchases minus returns in the period
 * @param orders purchases in the period
 */
public record CustomerRank(int rank, String customerId, Money netSpent, long orders) {}
