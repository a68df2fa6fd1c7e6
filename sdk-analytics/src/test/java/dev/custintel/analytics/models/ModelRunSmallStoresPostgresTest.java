package dev.custintel.analytics.models;

import dev.custintel.core.testing.TestDatabase;

/** Model runs on small, purpose-built stores, on PostgreSQL (skipped when unreachable, unless required). */
class ModelRunSmallStoresPostgresTest extends ModelRunSmallStoresContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
