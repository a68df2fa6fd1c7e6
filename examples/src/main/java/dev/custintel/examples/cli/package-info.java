/**
 * The {@code custintel} command line: {@code demo}, {@code import}, {@code profile}, {@code models refresh}, {@code
 * models list}, {@code clv fit}, {@code clv score} and {@code affinity mine}.
 */
@NullMarked
package dev.custintel.examples.cli;

import org.jspecify.annotations.NullMarked;
