/**
 * Pull sync: an {@link dev.custintel.core.sync.OrderSource} hands out the orders changed since a watermark, page
 * by page, and the store's {@link dev.custintel.core.sync.SyncClient} ingests them and records each source's
 * {@link dev.custintel.core.sync.SyncStatus}. {@link dev.custintel.core.sync.JdbcOrderSource} reads a host's own
 * order tables with the host's SQL.
 */
@NullMarked
package dev.custintel.core.sync;

import org.jspecify.annotations.NullMarked;
