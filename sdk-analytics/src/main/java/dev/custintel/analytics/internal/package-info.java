/** The facade's implementation. Not API. */
@NullMarked
package dev.custintel.analytics.internal;

import org.jspecify.annotations.NullMarked;
