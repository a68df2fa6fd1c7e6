/**
 * CSV parsers behind {@link dev.custintel.core.ingest.IngestionClient#importFile}, built on the line reader and
 * CSV splitter of {@link dev.custintel.core.csv}. Not API.
 */
@NullMarked
package dev.custintel.core.internal.imports;

import org.jspecify.annotations.NullMarked;
