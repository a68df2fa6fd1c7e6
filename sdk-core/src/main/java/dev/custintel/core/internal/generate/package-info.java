/**
 * Implementation of {@link dev.custintel.core.generate.ShopGenerator}: random variates, the catalog, the signup
 * calendar, seasonality and the per-customer purchase simulation. Not API: may change in any release.
 */
@NullMarked
package dev.custintel.core.internal.generate;

import org.jspecify.annotations.NullMarked;
