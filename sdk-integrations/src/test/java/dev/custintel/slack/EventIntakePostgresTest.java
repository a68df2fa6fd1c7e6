package dev.custintel.slack;

import dev.custintel.core.testing.TestDatabase;

/** Signatures, dedupe, routing and expiry on PostgreSQL (skipped when no server is reachable, unless required). */
class EventIntakePostgresTest extends EventIntakeContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
