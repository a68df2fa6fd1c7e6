package dev.custintel.core.store;

import dev.custintel.core.testing.TestDatabase;

class H2ImportTest extends ImportContractTest {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
