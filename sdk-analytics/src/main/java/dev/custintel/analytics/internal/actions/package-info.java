/** Next best action over the store and the active run. Not API. */
@NullMarked
package dev.custintel.analytics.internal.actions;

import org.jspecify.annotations.NullMarked;
