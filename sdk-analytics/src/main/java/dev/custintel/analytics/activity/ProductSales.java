package dev.custintel.analytics.activity;

import org.jspecify.annotations.Nullable;

/**
 * One product's sales over a period, for a best-seller list.
 *
 * @param rank 1 for the product in the most purchases
 * @param productId the product
 * @param name its name; null when the catalog does not know it
 * @param orders purchases in the period containing it (an order with two lines of it counts once)
 * @param units units in those purchases
 * @param buyers distinct customers of those purchases
 */
public record ProductSales(int rank, String productId, @Nullable String name, long orders, long units, long buyers) {}
