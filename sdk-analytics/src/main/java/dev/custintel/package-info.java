/** The entry point: {@link dev.custintel.CustomerIntelligence}. */
@NullMarked
package dev.custintel;

import org.jspecify.annotations.NullMarked;
