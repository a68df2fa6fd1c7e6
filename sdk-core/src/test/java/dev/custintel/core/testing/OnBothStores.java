package dev.custintel.core.testing;

import dev.custintel.core.store.CustintelStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link OnBothDatabases} with a fresh database and a store open on it for each test, closed after it. A subclass
 * changes the store's settings (a table prefix, a clock) by overriding {@link #configure}; its own
 * {@code @BeforeEach} methods run after the store is open.
 */
public abstract class OnBothStores extends OnBothDatabases {
  /** This test's database. */
  protected TestDatabase db;
  /** The store open on {@link #db}. */
  protected CustintelStore store;

  /**
   * @param builder a builder already pointed at this test's database
   * @return the builder with this class's settings
   */
  protected CustintelStore.Builder configure(CustintelStore.Builder builder) {
    return builder;
  }

  @BeforeEach
  final void openStore() {
    db = newDatabase.get();
    store = configure(db.configure(CustintelStore.builder())).build();
  }

  @AfterEach
  final void closeStore() {
    store.close();
    db.close();
  }
}
