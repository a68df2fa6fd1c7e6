package dev.custintel.benchmarks;

/** What the benchmarks that fill a database per trial share. */
final class Trials {
  private Trials() {}

  /**
   * Runs a trial's setup; if it fails, runs the trial's tear-down before rethrowing. JMH skips the tear-down of a
   * trial whose setup failed, which would leave the database (a PostgreSQL schema) behind.
   *
   * @param setUp fills the database
   * @param tearDown closes what the setup opened (it must cope with a setup that stopped half-way) and drops the
   *     database
   */
  static void setUpOrTearDown(Runnable setUp, Runnable tearDown) {
    try {
      setUp.run();
    } catch (RuntimeException | Error e) {
      tearDown.run();
      throw e;
    }
  }
}
