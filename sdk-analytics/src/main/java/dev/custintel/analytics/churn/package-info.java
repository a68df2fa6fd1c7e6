/** Churn risk per customer and across the base, from the active model run: {@link dev.custintel.analytics.churn.ChurnClient}. */
@NullMarked
package dev.custintel.analytics.churn;

import org.jspecify.annotations.NullMarked;
