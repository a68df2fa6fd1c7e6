/** Health indicators; not API. */
@NullMarked
package dev.custintel.spring.internal.health;

import org.jspecify.annotations.NullMarked;
