package dev.custintel.analytics.clv.summary;

import dev.custintel.core.testing.TestDatabase;

/** {@link StoreSummaries} on H2. */
class StoreSummariesH2Test extends StoreSummariesContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
