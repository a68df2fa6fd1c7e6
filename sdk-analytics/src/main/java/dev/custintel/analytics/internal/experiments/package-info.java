/** Experiments in the store. Not API. */
@NullMarked
package dev.custintel.analytics.internal.experiments;

import org.jspecify.annotations.NullMarked;
