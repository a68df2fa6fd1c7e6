/**
 * A seeded synthetic shop: {@link dev.custintel.core.generate.ShopGenerator} invents a coffee-and-tea web shop's
 * catalog, customers, orders and returns whose statistics look like a real shop's (BG/NBD repeat buying,
 * Gamma-Gamma spend, seasonality, Zipf popularity, products bought together), for demos, tests and benchmarks.
 * The same seed and options always give byte-identical data.
 */
@NullMarked
package dev.custintel.core.generate;

import org.jspecify.annotations.NullMarked;
