/** API keys' implementation. Not API. */
@NullMarked
package dev.custintel.core.internal.keys;

import org.jspecify.annotations.NullMarked;
