package dev.custintel.analytics.models;

import dev.custintel.core.testing.TestDatabase;

/** Model runs, churn and LTV on PostgreSQL (skipped when no server is reachable, unless required). */
class ModelRunsPostgresTest extends ModelRunsContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
