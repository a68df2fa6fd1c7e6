package dev.custintel.core.internal.ingest;

import dev.custintel.core.imports.FileOrders;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link FileOrders#read}: the {@link FileImporter} of an import, with its batches kept in memory instead of written
 * to a database. Each order is checked and normalised by {@link PreparedBatch#checked} as a database write does,
 * and then merged into maps the way {@link BatchWriter} merges it into the tables of an empty store (an order id
 * stored with different content is replaced, customers and products are created or their given fields merged), so
 * that the report's counts are those of an import into an empty store. Not thread-safe (the importer runs with one writer,
 * on the calling thread). Not API.
 */
public final class MemoryImport {
  /** The stored orders by id, in order of their first appearance; a replacement keeps the first position. */
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final Map<String, Customer> customers = new HashMap<>();
  private final Map<String, Product> products = new HashMap<>();

  private MemoryImport() {}

  /**
   * As {@link FileOrders#read}.
   *
   * @param file the file
   * @param format its layout
   * @param options the import's options; run with one writer
   * @return the report and the stored orders
   */
  public static FileOrders read(Path file, ImportFormat format, ImportOptions options) {
    MemoryImport store = new MemoryImport();
    ImportReport report = new FileImporter(store::ingest).run(file, format, options.withWriters(1));
    return new FileOrders(report, new ArrayList<>(store.orders.values()));
  }

  /**
   * Merges one batch as {@link BatchWriter#write} writes it to an empty store, with the checks of
   * {@link PreparedBatch} but without its content hashes: {@link FileImporter} already dropped every repeat of an
   * order id with identical content (counting it as unchanged) and sends a changed repeat only in a later batch, so
   * an order whose id is stored here has different content (an update) and a batch never holds an id twice. The
   * importer's customers are merged per id and its products are one per id, so no record comes twice either.
   */
  private IngestResult ingest(IngestBatch batch) {
    if (batch.isEmpty()) {
      return IngestResult.empty();
    }
    List<Order> batchOrders = batch.orders();
    List<Order> checked = new ArrayList<>(batchOrders.size());
    // The order in which ids are merged does not change the maps or the counts: hash sets, not sorted ones.
    Set<String> referencedCustomers = new HashSet<>();
    Set<String> referencedProducts = new HashSet<>();
    Map<String, Customer> givenCustomers = new HashMap<>();
    Map<String, Product> givenProducts = new HashMap<>();
    for (Customer c : batch.customers()) {
      givenCustomers.put(c.id(), c);
      referencedCustomers.add(c.id());
    }
    for (Product p : batch.products()) {
      givenProducts.put(p.id(), p);
      referencedProducts.add(p.id());
    }
    for (int i = 0; i < batchOrders.size(); i++) {
      Order o = PreparedBatch.checked(batchOrders.get(i), i);
      checked.add(o);
      referencedCustomers.add(o.customerId());
      for (OrderLine line : o.lines()) {
        referencedProducts.add(line.productId());
      }
    }
    int customersWritten = 0;
    for (String id : referencedCustomers) {
      Customer given = givenCustomers.get(id);
      Customer stored = customers.get(id);
      if (stored == null) {
        customers.put(id, given != null ? given : Customer.of(id));
        customersWritten++;
      } else if (given != null && givesAnything(given)) {
        // Null fields mean "not given": they keep what is stored.
        Customer merged = new Customer(id,
            firstNonNull(given.email(), stored.email()),
            firstNonNull(given.name(), stored.name()),
            firstNonNull(given.country(), stored.country()),
            firstNonNull(given.signedUpAt(), stored.signedUpAt()));
        if (!merged.equals(stored)) {
          customers.put(id, merged);
          customersWritten++;
        }
      }
    }
    int productsWritten = 0;
    for (String id : referencedProducts) {
      Product given = givenProducts.get(id);
      Product stored = products.get(id);
      if (stored == null) {
        products.put(id, given != null ? given : new Product(id, id, null));
        productsWritten++;
      } else if (given != null) {
        String category = firstNonNull(given.category(), stored.category());
        // Compared field by field: a record's equals is linked at its first call, which costs a cold command
        // more than all its comparisons (the same product comes with every CDNOW row).
        if (!given.name().equals(stored.name()) || !Objects.equals(category, stored.category())) {
          products.put(id, new Product(id, given.name(), category));
          productsWritten++;
        }
      }
    }
    int inserted = 0;
    int updated = 0;
    int lines = 0;
    for (Order o : checked) {
      if (orders.put(o.id(), o) == null) {
        inserted++;
      } else {
        updated++;
      }
      lines += o.lines().size();
    }
    return new IngestResult(inserted, updated, 0, customersWritten, productsWritten, lines);
  }

  /** @return whether a given customer has a field besides its id (only then can a merge change what is stored) */
  private static boolean givesAnything(Customer c) {
    return c.email() != null || c.name() != null || c.country() != null || c.signedUpAt() != null;
  }

  private static <T> @Nullable T firstNonNull(@Nullable T a, @Nullable T b) {
    return a != null ? a : b;
  }
}
