package dev.custintel.slack;

import dev.custintel.core.testing.TestDatabase;

/** Ticket and close reactions on PostgreSQL (skipped when no server is reachable, unless required). */
class TicketReactionsPostgresTest extends TicketReactionsContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
