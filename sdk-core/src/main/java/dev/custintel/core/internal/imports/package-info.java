/**
 * CSV parsers behind {@link dev.custintel.core.ingest.IngestionClient#importFile}. Not API: the few public classes
 * (the line reader, the CSV splitter and header) are public only to be shared with the other Custintel modules.
 */
@NullMarked
package dev.custintel.core.internal.imports;

import org.jspecify.annotations.NullMarked;
