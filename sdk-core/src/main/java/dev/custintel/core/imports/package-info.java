/**
 * CSV import: the CDNOW layout, the UCI Online Retail layout (both variants) and a generic orders CSV, streamed
 * in batches with strict or lenient handling of bad rows.
 */
@NullMarked
package dev.custintel.core.imports;

import org.jspecify.annotations.NullMarked;
