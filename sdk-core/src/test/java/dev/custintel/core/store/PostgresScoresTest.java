package dev.custintel.core.store;

import dev.custintel.core.testing.TestDatabase;

class PostgresScoresTest extends ScoresContractTest {
  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
