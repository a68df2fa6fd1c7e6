package dev.custintel.core.internal.product;

import dev.custintel.core.NotFoundException;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.internal.store.StoreMetrics;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.internal.store.TransactionRunner;
import dev.custintel.core.product.ProductClient;
import dev.custintel.core.product.ProductPage;
import dev.custintel.core.product.ProductQuery;
import dev.custintel.core.product.ProductStats;
import java.util.List;
import java.util.Objects;

/** Product reads over Jdbi: one statement per call ({@link ProductSql}), no cache. Not API. */
public final class JdbiProductClient implements ProductClient {
  private final TransactionRunner tx;
  private final StoreMetrics metrics;
  private final ProductSql sql;

  public JdbiProductClient(TransactionRunner tx, Tables tables, StoreMetrics metrics) {
    this.tx = tx;
    this.metrics = metrics;
    this.sql = new ProductSql(tables);
  }

  @Override
  public ProductStats product(String sku) {
    Checks.id(Objects.requireNonNull(sku, "sku"), "sku");
    return metrics.time("products.product", () -> {
      List<ProductStats> found = tx.withHandle("Reading product '" + sku + "'",
          h -> sql.read(h, new ProductSql.Selection(sku, null, null, null, null, 1)));
      if (found.isEmpty()) {
        throw NotFoundException.product(sku);
      }
      return found.get(0);
    });
  }

  @Override
  public ProductPage list(ProductQuery query) {
    Objects.requireNonNull(query, "query");
    String after = ProductSql.Cursor.decode(query.cursor());
    return metrics.time("products.list", () -> {
      List<ProductStats> rows = tx.withHandle("Listing products", h -> sql.read(h, new ProductSql.Selection(
          null, after, query.category(), query.nameContains(), query.soldWithin(), query.limit() + 1)));
      if (rows.size() <= query.limit()) {
        return new ProductPage(rows, null);
      }
      List<ProductStats> items = rows.subList(0, query.limit());
      return new ProductPage(items, ProductSql.Cursor.encode(items.get(items.size() - 1).sku()));
    });
  }
}
