package dev.custintel.analytics.clv.summary;

import dev.custintel.core.testing.TestDatabase;

/** {@link StoreSummaries} on PostgreSQL (skipped when no server is reachable, unless required). */
class StoreSummariesPostgresTest extends StoreSummariesContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
