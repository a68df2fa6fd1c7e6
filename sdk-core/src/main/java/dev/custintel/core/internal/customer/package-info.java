/** Customer reads' implementation. Not API. */
@NullMarked
package dev.custintel.core.internal.customer;

import org.jspecify.annotations.NullMarked;
