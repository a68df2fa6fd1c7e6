/** Product reads' implementation. Not API. */
@NullMarked
package dev.custintel.core.internal.product;

import org.jspecify.annotations.NullMarked;
