/** The store's implementation. Not API. */
@NullMarked
package dev.custintel.core.internal.store;

import org.jspecify.annotations.NullMarked;
