/** The shop's current activity in a few figures, for dashboards: {@link dev.custintel.analytics.activity.ActivityClient}. */
@NullMarked
package dev.custintel.analytics.activity;

import org.jspecify.annotations.NullMarked;
