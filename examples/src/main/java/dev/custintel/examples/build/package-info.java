/**
 * Build steps of the examples module, run by Maven and left out of the command line's jar: {@link
 * dev.custintel.examples.build.ClassDataArchive} writes the launcher and its class-data archive.
 */
@NullMarked
package dev.custintel.examples.build;

import org.jspecify.annotations.NullMarked;
