package dev.custintel.analytics.affinity;

import org.jspecify.annotations.Nullable;

/**
 * A product in an affinity result: its id and, when the store knows the product, its name.
 *
 * @param productId the product id, as on order lines
 * @param name the product's name from the catalogue; null when the store has no product row for it
 */
public record ProductRef(String productId, @Nullable String name) {}
