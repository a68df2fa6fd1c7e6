package dev.custintel.core.internal.imports;

import dev.custintel.core.model.OrderLine;
import java.math.BigDecimal;

/**
 * The running total and item count of an order being read from a file. The store keeps an order's total in
 * {@code DECIMAL(19, 4)} and its item count in an {@code INTEGER}: the row that would take either past that is
 * rejected here, with its line, rather than failing the batch in the database (issue 11, D4). Not API.
 */
final class OrderSums {
  /** The total must stay below 10^15: DECIMAL(19, 4) keeps 15 integer digits. */
  private static final BigDecimal TOTAL_LIMIT = BigDecimal.TEN.pow(15);

  private BigDecimal total = BigDecimal.ZERO;
  private long items;

  /**
   * Adds a line, or refuses it and leaves the sums as they were.
   *
   * @param line the row's line
   * @param amountColumn the column its amount came from, named in a rejection
   * @param quantityColumn the column its quantity came from, named in a rejection
   * @throws BadRowException if the order's total would reach 10^15 or its item count pass 2^31 - 1
   */
  void add(OrderLine line, String amountColumn, String quantityColumn) {
    BigDecimal newTotal = total.add(line.amount());
    if (newTotal.compareTo(TOTAL_LIMIT) >= 0) {
      throw new BadRowException(
          amountColumn,
          "takes the order's total to " + newTotal.toPlainString()
              + ", beyond the largest amount the store keeps (less than 10^15)");
    }
    long newItems = items + line.quantity();
    if (newItems > Integer.MAX_VALUE) {
      throw new BadRowException(
          quantityColumn,
          "takes the order's item count to " + newItems + ", beyond the largest count the store keeps ("
              + Integer.MAX_VALUE + ")");
    }
    total = newTotal;
    items = newItems;
  }
}
