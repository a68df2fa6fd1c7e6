/** Defaults the starter adds to the environment; not API. */
@NullMarked
package dev.custintel.spring.internal.env;

import org.jspecify.annotations.NullMarked;
