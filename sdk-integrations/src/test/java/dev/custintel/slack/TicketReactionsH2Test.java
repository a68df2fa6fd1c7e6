package dev.custintel.slack;

import dev.custintel.core.testing.TestDatabase;

/** Ticket and close reactions on H2. */
class TicketReactionsH2Test extends TicketReactionsContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
