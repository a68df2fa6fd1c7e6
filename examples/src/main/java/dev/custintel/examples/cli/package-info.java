/** The {@code custintel} command line: {@code demo}, {@code import} and {@code profile}. */
@NullMarked
package dev.custintel.examples.cli;

import org.jspecify.annotations.NullMarked;
