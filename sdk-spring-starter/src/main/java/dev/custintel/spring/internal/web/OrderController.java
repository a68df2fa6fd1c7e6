package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ingestion: one batch of customers, products and orders, all or nothing, idempotent by order id. */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/orders", produces = "application/json")
@Tag(name = "ingestion", description = "Write orders (with their customers and products) in one atomic batch")
public final class OrderController {
  /** The most orders in one request. */
  static final int MAX_ORDERS = 10_000;

  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public OrderController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param body the batch
   * @return what was written: an order sent again unchanged counts as unchanged
   */
  @PostMapping(consumes = "application/json")
  @Operation(summary = "Write a batch: all or nothing; an order id sent again replaces or leaves its order")
  public IngestResult ingest(@RequestBody BatchBody body) {
    return ci.ingestion().ingest(body.toBatch());
  }

  /**
   * The request body.
   *
   * @param customers customers to create or update (optional)
   * @param products products to create or update (optional)
   * @param orders orders, each with its lines
   */
  public record BatchBody(
      @Nullable List<CustomerBody> customers,
      @Nullable List<ProductBody> products,
      @Nullable List<OrderBody> orders) {

    IngestBatch toBatch() {
      List<OrderBody> orderBodies = orders == null ? List.of() : orders;
      if (orderBodies.size() > MAX_ORDERS) {
        throw InvalidInputException.argument(
            "orders", "may hold at most " + MAX_ORDERS + " orders per request (was " + orderBodies.size() + ")");
      }
      IngestBatch.Builder batch = IngestBatch.builder();
      List<CustomerBody> customerBodies = customers == null ? List.of() : customers;
      for (int i = 0; i < customerBodies.size(); i++) {
        batch.customer(at("customers[" + i + "]", customerBodies.get(i)).toCustomer("customers[" + i + "]"));
      }
      List<ProductBody> productBodies = products == null ? List.of() : products;
      for (int i = 0; i < productBodies.size(); i++) {
        batch.product(at("products[" + i + "]", productBodies.get(i)).toProduct("products[" + i + "]"));
      }
      for (int i = 0; i < orderBodies.size(); i++) {
        batch.order(at("orders[" + i + "]", orderBodies.get(i)).toOrder("orders[" + i + "]"));
      }
      IngestBatch built = batch.build();
      if (built.isEmpty()) {
        throw InvalidInputException.argument("orders", "the batch is empty: send at least one order, customer or product");
      }
      return built;
    }
  }

  /**
   * A customer.
   *
   * @param id the customer id
   * @param email e-mail address
   * @param name display name
   * @param country ISO country code
   * @param signedUpAt when the customer signed up
   */
  public record CustomerBody(
      @Nullable String id,
      @Nullable String email,
      @Nullable String name,
      @Nullable String country,
      @Nullable Instant signedUpAt) {
    Customer toCustomer(String path) {
      return wrap(path, () -> new Customer(required(id, "id"), email, name, country, signedUpAt));
    }
  }

  /**
   * A product.
   *
   * @param id the SKU
   * @param name its name
   * @param category its category
   */
  public record ProductBody(@Nullable String id, @Nullable String name, @Nullable String category) {
    Product toProduct(String path) {
      return wrap(path, () -> new Product(required(id, "id"), required(name, "name"), category));
    }
  }

  /**
   * An order.
   *
   * @param id the order id: sending it again replaces the order, or leaves it when unchanged
   * @param customerId the customer
   * @param placedAt when it was placed, ISO-8601 such as {@code 2026-03-01T12:00:00Z}
   * @param currency ISO 4217 code
   * @param kind purchase (default) or return
   * @param lines the lines, at least one
   */
  public record OrderBody(
      @Nullable String id,
      @Nullable String customerId,
      @Nullable Instant placedAt,
      @Nullable String currency,
      @Nullable String kind,
      @Nullable List<LineBody> lines) {
    Order toOrder(String path) {
      List<LineBody> lineBodies = lines == null ? List.of() : lines;
      List<OrderLine> built = new ArrayList<>(lineBodies.size());
      for (int i = 0; i < lineBodies.size(); i++) {
        String linePath = path + ".lines[" + i + "]";
        built.add(at(linePath, lineBodies.get(i)).toLine(linePath));
      }
      return wrap(path, () -> new Order(
          required(id, "id"),
          required(customerId, "customerId"),
          required(placedAt, "placedAt"),
          Money.currency(required(currency, "currency")),
          kind == null ? OrderKind.PURCHASE : Params.enumValue(OrderKind.class, kind, "kind"),
          built));
    }
  }

  /**
   * An order line.
   *
   * @param productId the SKU
   * @param quantity units, at least 1
   * @param amount the line's total as a decimal string or number, such as {@code "19.90"}
   */
  public record LineBody(@Nullable String productId, @Nullable Integer quantity, @Nullable BigDecimal amount) {
    OrderLine toLine(String path) {
      return wrap(path, () -> new OrderLine(
          required(productId, "productId"), required(quantity, "quantity"), required(amount, "amount")));
    }
  }

  private static <T> T at(String path, @Nullable T value) {
    if (value == null) {
      throw InvalidInputException.argument(path, "must not be null");
    }
    return value;
  }

  private static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw InvalidInputException.argument(field, "is required");
    }
    return value;
  }

  private static <T> T wrap(String path, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidInputException e) {
      if (e.field().startsWith(path)) {
        throw e;
      }
      throw new InvalidInputException(null, path + "." + e.field(), e.reason());
    }
  }
}
