/** Retention campaigns over the churn and actions clients. Not API. */
@NullMarked
package dev.custintel.analytics.internal.campaigns;

import org.jspecify.annotations.NullMarked;
