package dev.custintel.analytics.models;

import dev.custintel.core.testing.TestDatabase;

/** Model runs on small, purpose-built stores, on H2. */
class ModelRunSmallStoresH2Test extends ModelRunSmallStoresContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
