/** Lifetime value per customer from the active model run: {@link dev.custintel.analytics.ltv.LtvClient}. */
@NullMarked
package dev.custintel.analytics.ltv;

import org.jspecify.annotations.NullMarked;
