package dev.custintel.core.internal.sync;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import dev.custintel.core.sync.OrderSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Groups a JDBC source's rows into orders by order id, in the order their first rows came. The rows of one order
 * need not be adjacent, but must agree on the order's fields ({@code customer_id, placed_at, currency, kind}) and
 * on the watermark: a row that disagrees is an {@link InvalidInputException} naming the column and the order.
 * Customers and products are taken from the last row that names them. Not API.
 */
final class OrderGrouping {
  private OrderGrouping() {}

  static OrderSource.Batch batch(
      List<SourceRow> rows, RowReader reader, WatermarkColumn watermark, @Nullable String mark, boolean more) {
    Map<String, List<SourceRow>> byOrder = new LinkedHashMap<>();
    Map<String, Customer> customers = new LinkedHashMap<>();
    Map<String, Product> products = new LinkedHashMap<>();
    for (SourceRow row : rows) {
      List<SourceRow> lines = byOrder.computeIfAbsent(row.orderId(), id -> new ArrayList<>());
      if (!lines.isEmpty()) {
        agree(lines.get(0), row, reader.record(row.orderId()), watermark.name());
      }
      lines.add(row);
      if (reader.hasCustomers()) {
        customers.put(row.customerId(), new Customer(row.customerId(), row.email(), null, row.country(), null));
      }
      if (reader.hasProducts() && row.productName() != null) {
        String product = row.line().productId();
        products.put(product, new Product(product, row.productName(), row.category()));
      }
    }
    List<Order> orders = new ArrayList<>(byOrder.size());
    for (List<SourceRow> lines : byOrder.values()) {
      SourceRow first = lines.get(0);
      List<OrderLine> orderLines = new ArrayList<>(lines.size());
      for (SourceRow line : lines) {
        orderLines.add(line.line());
      }
      orders.add(new Order(
          first.orderId(), first.customerId(), first.placedAt(), first.currency(), first.kind(), orderLines));
    }
    return new OrderSource.Batch(
        orders, List.copyOf(customers.values()), List.copyOf(products.values()), mark, more);
  }

  private static void agree(SourceRow first, SourceRow row, String record, String watermarkColumn) {
    if (WatermarkColumn.compare(first.watermark(), row.watermark()) != 0) {
      throw new InvalidInputException(record, watermarkColumn, "must have one value for all rows of an order (was "
          + first.watermark() + " and " + row.watermark() + "): compute it per order, such as the order's"
          + " updated_at, so that an order is never pulled with only some of its lines");
    }
    differ(record, "customer_id", first.customerId(), row.customerId());
    differ(record, "placed_at", first.placedAt(), row.placedAt());
    differ(record, "currency", first.currency(), row.currency());
    differ(record, "kind", first.kind(), row.kind());
  }

  private static void differ(String record, String column, Object first, Object other) {
    if (!first.equals(other)) {
      throw new InvalidInputException(record, column,
          "must be the same on every row of the order (was " + first + " and " + other + ")");
    }
  }
}
