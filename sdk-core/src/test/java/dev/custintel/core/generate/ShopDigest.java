package dev.custintel.core.generate;

import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.Product;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * A sink that hashes every record it receives, in order, ignoring where batches start and end: two runs have the
 * same digest exactly when they sent the same customers, products and orders in the same order.
 */
final class ShopDigest implements Consumer<IngestBatch> {
  private final MessageDigest customers = sha256();
  private final MessageDigest products = sha256();
  private final MessageDigest orders = sha256();

  @Override
  public void accept(IngestBatch batch) {
    for (Customer customer : batch.customers()) {
      customers.update(customer.toString().getBytes(StandardCharsets.UTF_8));
    }
    for (Product product : batch.products()) {
      products.update(product.toString().getBytes(StandardCharsets.UTF_8));
    }
    for (Order order : batch.orders()) {
      orders.update(order.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** @return hex digests of the customers, products and orders; call once */
  String digest() {
    HexFormat hex = HexFormat.of();
    return hex.formatHex(customers.digest())
        + "/" + hex.formatHex(products.digest())
        + "/" + hex.formatHex(orders.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
