/** Model runs, their SQL and the churn, LTV and affinity clients over them. Not API. */
@NullMarked
package dev.custintel.analytics.internal.models;

import org.jspecify.annotations.NullMarked;
