/** Ingestion's implementation. Not API. */
@NullMarked
package dev.custintel.core.internal.ingest;

import org.jspecify.annotations.NullMarked;
