/** Distributions behind the experiment statistics. Not API. */
@NullMarked
package dev.custintel.analytics.experiments.internal;

import org.jspecify.annotations.NullMarked;
