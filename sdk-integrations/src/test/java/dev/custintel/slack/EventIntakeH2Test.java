package dev.custintel.slack;

import dev.custintel.core.testing.TestDatabase;

/** Signatures, dedupe, routing and expiry on H2. */
class EventIntakeH2Test extends EventIntakeContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
