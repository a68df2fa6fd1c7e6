/** Pull sync's implementation. Not API. */
@NullMarked
package dev.custintel.core.internal.sync;

import org.jspecify.annotations.NullMarked;
