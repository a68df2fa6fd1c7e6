package dev.custintel.core.store;

import dev.custintel.core.testing.TestDatabase;

class PostgresImportTest extends ImportContractTest {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
