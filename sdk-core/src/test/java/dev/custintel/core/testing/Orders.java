package dev.custintel.core.testing;

import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Small purchases for tests, written as text: in euros, placed at the start of a UTC day. */
public final class Orders {
  /** The currency of {@link #order}. */
  public static final Currency EUR = Currency.getInstance("EUR");

  private Orders() {}

  /**
   * @param isoDate a day such as {@code 2024-01-01}
   * @return the start of that day in UTC
   */
  public static Instant day(String isoDate) {
    return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * @param id the order id
   * @param customer the customer id
   * @param date the day it was placed, such as {@code 2024-01-01} (at the start of it, UTC)
   * @param productAndAmount pairs of product id and line amount ({@code "P1", "10.00", "P2", "5.50"}), one unit each
   * @return a purchase in euros
   */
  public static Order order(String id, String customer, String date, String... productAndAmount) {
    if (productAndAmount.length % 2 != 0) {
      throw new IllegalArgumentException("Product ids and amounts come in pairs: " + List.of(productAndAmount));
    }
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < productAndAmount.length; i += 2) {
      lines.add(new OrderLine(productAndAmount[i], 1, new BigDecimal(productAndAmount[i + 1])));
    }
    return Order.purchase(id, customer, day(date), EUR, lines);
  }
}
