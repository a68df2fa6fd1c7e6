/**
 * Cohort retention: customers grouped by the period of their first purchase, and what each cohort did in the
 * periods after it: {@link dev.custintel.analytics.cohorts.CohortsClient}.
 */
@NullMarked
package dev.custintel.analytics.cohorts;

import org.jspecify.annotations.NullMarked;
