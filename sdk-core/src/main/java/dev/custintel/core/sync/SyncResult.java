package dev.custintel.core.sync;

import dev.custintel.core.ingest.IngestResult;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What one successful sync run did.
 *
 * @param source the source's name
 * @param startWatermark the watermark the run started from; null for a first run
 * @param watermark the watermark the run ended at, which the next run starts from
 * @param pages pages pulled, at least 1
 * @param ordersPulled orders the source handed out
 * @param ingested what ingestion wrote, summed over the pages ({@link IngestResult#ordersWritten()} is 0 when the
 *     source held nothing new)
 * @param duration how long the run took
 */
public record SyncResult(
    String source,
    @Nullable String startWatermark,
    @Nullable String watermark,
    int pages,
    long ordersPulled,
    IngestResult ingested,
    Duration duration) {}
