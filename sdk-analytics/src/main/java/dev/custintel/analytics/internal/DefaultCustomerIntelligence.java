package dev.custintel.analytics.internal;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.store.DatabaseKind;
import java.time.Clock;

/** The facade over a store. Not API: build it with {@link CustomerIntelligence#builder()}. */
public final class DefaultCustomerIntelligence implements CustomerIntelligence {
  private final CustintelStore store;

  public DefaultCustomerIntelligence(CustintelStore store) {
    this.store = store;
  }

  @Override
  public IngestionClient ingestion() {
    return store.ingestion();
  }

  @Override
  public CustomerClient customers() {
    return store.customers();
  }

  @Override
  public DatabaseKind databaseKind() {
    return store.databaseKind();
  }

  @Override
  public Clock clock() {
    return store.clock();
  }

  @Override
  public void close() {
    store.close();
  }
}
