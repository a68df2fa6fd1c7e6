package dev.custintel.core.store;

import dev.custintel.core.testing.TestDatabase;

class H2ScoresTest extends ScoresContractTest {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
