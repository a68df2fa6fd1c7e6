package dev.custintel.core.store;

import dev.custintel.core.testing.TestDatabase;

class PostgresStoreTest extends StoreContractTest {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
