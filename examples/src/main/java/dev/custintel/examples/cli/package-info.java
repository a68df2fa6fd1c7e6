/** The {@code custintel} command line: {@code demo}, {@code import}, {@code profile} and {@code clv fit}. */
@NullMarked
package dev.custintel.examples.cli;

import org.jspecify.annotations.NullMarked;
