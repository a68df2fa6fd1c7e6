package dev.custintel.analytics.models;

import dev.custintel.core.testing.TestDatabase;

/** Product affinity in model runs on H2 (in memory). */
class AffinityRunsH2Test extends AffinityRunsContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
