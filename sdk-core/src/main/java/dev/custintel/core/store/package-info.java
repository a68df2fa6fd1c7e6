/** The store: {@link dev.custintel.core.store.CustintelStore} and its builder. */
@NullMarked
package dev.custintel.core.store;

import org.jspecify.annotations.NullMarked;
