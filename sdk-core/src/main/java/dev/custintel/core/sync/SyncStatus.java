package dev.custintel.core.sync;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the store knows of one source's syncs: its latest run and the watermark the next run starts from.
 *
 * @param source the source's name
 * @param running whether a run is in progress (one started, neither ended nor abandoned)
 * @param lastStartedAt when the latest run started (UTC)
 * @param lastEndedAt when the latest finished run ended (UTC); null while the first run is still going
 * @param outcome how the latest finished run ended; null before any ended
 * @param watermark where the next run starts: the watermark of the latest successful run; null before any
 * @param ordersPulled orders the latest finished run pulled (an order handed out twice counts twice)
 * @param ordersWritten orders the latest finished run inserted or replaced (unchanged ones not counted)
 * @param error what failed in the latest finished run, with credentials masked; null when it succeeded
 */
public record SyncStatus(
    String source,
    boolean running,
    Instant lastStartedAt,
    @Nullable Instant lastEndedAt,
    @Nullable SyncOutcome outcome,
    @Nullable String watermark,
    long ordersPulled,
    long ordersWritten,
    @Nullable String error) {}
