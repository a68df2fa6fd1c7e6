package dev.custintel.core.customer;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * How much of one product a customer bought.
 *
 * @param productId the product id
 * @param name the product name
 * @param category its category, if any
 * @param quantity units bought (returns not subtracted)
 * @param orders number of purchases containing it
 * @param amount what those lines cost, in the profile's currency
 */
public record ProductStat(
    String productId, String name, @Nullable String category, long quantity, long orders, BigDecimal amount) {}
