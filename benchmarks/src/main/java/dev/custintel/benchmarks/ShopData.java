package dev.custintel.benchmarks;

import dev.custintel.core.generate.GeneratedShop;
import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.store.CustintelStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Fills a store with a generated shop, keeping what the benchmarks need from it. */
final class ShopData {
  /** The seed of every generated shop. */
  static final long SEED = 42L;

  /** A fixed "now": the day after the generator's default end, so that profiles do not drift with the date. */
  static final Clock CLOCK = Clock.fixed(
      ShopGenerator.DEFAULT_END.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);

  private ShopData() {}

  /**
   * What was ingested.
   *
   * @param shop the generator's summary
   * @param customerIds every customer id, in generation order
   * @param orderBatches the orders of the first batches, as sent (for ingestion templates)
   * @param seconds how long generating and ingesting took
   */
  record Population(GeneratedShop shop, List<String> customerIds, List<List<Order>> orderBatches, double seconds) {}

  /**
   * @param store the store to fill
   * @param customers customers to generate (seed {@value #SEED})
   * @param batchSize orders per ingested batch
   * @param keepBatches how many of the first batches' order lists to keep
   * @return what was ingested
   */
  static Population populate(CustintelStore store, int customers, int batchSize, int keepBatches) {
    long start = System.nanoTime();
    List<String> ids = new ArrayList<>(customers);
    List<List<Order>> kept = new ArrayList<>(keepBatches);
    GeneratedShop shop = ShopGenerator.builder().seed(SEED).customers(customers).build()
        .generate(batchSize, batch -> {
          for (Customer c : batch.customers()) {
            ids.add(c.id());
          }
          if (kept.size() < keepBatches) {
            kept.add(batch.orders());
          }
          store.ingestion().ingest(batch);
        });
    return new Population(shop, List.copyOf(ids), List.copyOf(kept), (System.nanoTime() - start) / 1e9);
  }

  /**
   * @param orders orders
   * @return their lines
   */
  static int lines(List<Order> orders) {
    int n = 0;
    for (Order o : orders) {
      n += o.lines().size();
    }
    return n;
  }
}
