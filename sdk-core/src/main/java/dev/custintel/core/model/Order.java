package dev.custintel.core.model;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Checks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * An order (or a return) placed by a customer. The order id is the natural key: ingesting the same order again
 * changes nothing; ingesting it with different content replaces the stored order.
 *
 * @param id the shop's order id (invoice number); 1 to 64 characters
 * @param customerId the customer who placed it
 * @param placedAt when it was placed, as an instant (UTC), in the years 1 to 9999
 * @param currency the currency of every line amount
 * @param kind purchase or return
 * @param lines at least one line
 */
public record Order(
    String id, String customerId, Instant placedAt, Currency currency, OrderKind kind, List<OrderLine> lines) {

  /** Validates and copies the lines; throws {@link InvalidInputException} naming the field. */
  public Order {
    Checks.id(id, "id");
    Checks.id(customerId, "customerId");
    Checks.storable(Checks.notNull(placedAt, "placedAt"), "placedAt");
    Checks.notNull(currency, "currency");
    Checks.notNull(kind, "kind");
    Checks.notNull(lines, "lines");
    if (lines.isEmpty()) {
      throw new InvalidInputException("order '" + id + "'", "lines", "must contain at least one line");
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) == null) {
        throw new InvalidInputException("order '" + id + "'", "lines[" + i + "]", "is required");
      }
    }
    lines = List.copyOf(lines);
  }

  /**
   * A purchase.
   *
   * @param id order id
   * @param customerId customer id
   * @param placedAt when it was placed
   * @param currency currency of the amounts
   * @param lines the lines
   * @return the order
   */
  public static Order purchase(
      String id, String customerId, Instant placedAt, Currency currency, List<OrderLine> lines) {
    return new Order(id, customerId, placedAt, currency, OrderKind.PURCHASE, lines);
  }

  /** @return the sum of the line amounts, in the order's currency */
  public Money total() {
    BigDecimal sum = BigDecimal.ZERO;
    for (OrderLine line : lines) {
      sum = sum.add(line.amount());
    }
    return new Money(sum, currency);
  }

  /** @return the sum of the line quantities */
  public long itemCount() {
    long count = 0;
    for (OrderLine line : lines) {
      count += line.quantity();
    }
    return count;
  }
}
