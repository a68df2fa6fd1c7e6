package dev.custintel.core.sync;

/**
 * A source synced at a fixed interval, started by {@link SyncClient#schedule}. Closing it stops the schedule.
 */
public interface SyncScheduler extends AutoCloseable {

  /** @return the name of the source it syncs */
  String source();

  /** @return runs started so far, including failed and refused ones */
  long runsStarted();

  /** @return whether it was closed (or the store was) */
  boolean isClosed();

  /**
   * Stops the schedule: no run starts after this; a run in progress is let finish, waiting up to 30 seconds for
   * it. Idempotent.
   */
  @Override
  void close();
}
