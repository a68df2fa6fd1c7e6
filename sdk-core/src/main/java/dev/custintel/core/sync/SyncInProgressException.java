package dev.custintel.core.sync;

import dev.custintel.core.CustintelException;
import java.time.Instant;

/**
 * Thrown when a sync run is asked for a source that is already being synced, by this process or another one on
 * the same database. Nothing was pulled; try again when the other run has ended ({@link SyncStatus#running()}).
 */
public class SyncInProgressException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final Instant runningSince;

  /**
   * @param source the source's name
   * @param runningSince when the run in progress started
   */
  public SyncInProgressException(String source, Instant runningSince) {
    super("Source '" + source + "' is already being synced (a run started at " + runningSince
        + "); wait for it to end and try again");
    this.source = source;
    this.runningSince = runningSince;
  }

  /** @return the source's name */
  public String source() {
    return source;
  }

  /** @return when the run in progress started */
  public Instant runningSince() {
    return runningSince;
  }
}
