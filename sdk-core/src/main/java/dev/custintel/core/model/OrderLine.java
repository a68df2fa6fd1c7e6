package dev.custintel.core.model;

import dev.custintel.core.internal.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One line of an order: a product, how many, and what the line cost in the order's currency.
 *
 * <p>The line amount, not a unit price, is authoritative: some sources (CDNOW) record only a line total, and a
 * total divided by a quantity is not always an exact decimal. For returns the quantity and amount are positive
 * and mean "given back".
 *
 * @param productId the product's id
 * @param quantity units, at least 1
 * @param amount what the line cost (or refunded) in the order's currency; 0 or more, at most 4 decimal places
 */
public record OrderLine(String productId, int quantity, BigDecimal amount) {

  /** Validates the fields; throws {@link dev.custintel.core.InvalidInputException} naming the field. */
  public OrderLine {
    Checks.id(productId, "productId");
    Checks.positive(quantity, "quantity");
    Checks.amount(amount, "amount");
  }

  /**
   * A line priced per unit.
   *
   * @param productId product id
   * @param quantity units, at least 1
   * @param unitPrice price of one unit, 0 or more
   * @return the line, with amount = quantity x unit price
   */
  public static OrderLine ofUnitPrice(String productId, int quantity, BigDecimal unitPrice) {
    Checks.notNull(unitPrice, "unitPrice");
    return new OrderLine(productId, quantity, unitPrice.multiply(BigDecimal.valueOf(quantity)));
  }

  /** @return the amount divided by the quantity, to 4 decimal places (half-even) */
  public BigDecimal unitPrice() {
    return amount.divide(BigDecimal.valueOf(quantity), 4, RoundingMode.HALF_EVEN);
  }
}
