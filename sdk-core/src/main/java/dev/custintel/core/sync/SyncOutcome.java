package dev.custintel.core.sync;

/** How a sync run ended. */
public enum SyncOutcome {
  /** Every page was pulled and ingested; the watermark moved to the last page's. */
  OK,
  /** A pull or an ingestion failed; the watermark stayed where the run started. */
  FAILED
}
