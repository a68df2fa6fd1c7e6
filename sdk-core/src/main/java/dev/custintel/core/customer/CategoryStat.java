package dev.custintel.core.customer;

import java.math.BigDecimal;

/**
 * How much a customer bought in one category.
 *
 * @param category the category name
 * @param quantity units bought
 * @param amount what those lines cost, in the profile's currency
 */
public record CategoryStat(String category, long quantity, BigDecimal amount) {}
