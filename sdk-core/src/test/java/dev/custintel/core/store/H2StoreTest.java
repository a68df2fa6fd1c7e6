package dev.custintel.core.store;

import dev.custintel.core.testing.TestDatabase;

class H2StoreTest extends StoreContractTest {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
