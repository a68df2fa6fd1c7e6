/** Ingestion: typed batch upserts, idempotent on natural keys, all or nothing per batch. */
@NullMarked
package dev.custintel.core.ingest;

import org.jspecify.annotations.NullMarked;
