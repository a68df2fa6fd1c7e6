package dev.custintel.analytics.models;

import dev.custintel.core.testing.TestDatabase;

/** Product affinity in model runs on PostgreSQL (skipped when no server is reachable, unless required). */
class AffinityRunsPostgresTest extends AffinityRunsContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
