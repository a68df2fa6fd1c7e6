package dev.custintel.analytics.models;

import dev.custintel.core.testing.TestDatabase;

/** Model runs, churn and LTV on H2. */
class ModelRunsH2Test extends ModelRunsContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
