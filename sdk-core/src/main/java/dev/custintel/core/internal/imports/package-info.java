/** CSV parsers behind {@link dev.custintel.core.ingest.IngestionClient#importFile}. Not API. */
@NullMarked
package dev.custintel.core.internal.imports;

import org.jspecify.annotations.NullMarked;
