package dev.custintel.analytics.internal;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.spi.StoreAccess;
import java.util.Currency;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** The currency an aggregate uses when the request names none. Not API. */
public final class ShopCurrencies {
  private ShopCurrencies() {}

  /**
   * @return the one currency of the shop's purchases; null when there are none
   * @throws InvalidInputException naming {@code currency} when the purchases use several: amounts are never added
   *     across currencies, so the caller must choose
   */
  public static @Nullable Currency only(StoreAccess access, Handle h) {
    // The least purchase currency, then the next one after it: two range lookups in the orders' (kind, currency)
    // index (core migration V7), not a scan of every order.
    String one = h.createQuery(access.sql("SELECT currency FROM {orders} WHERE kind = 'PURCHASE'"
            + " ORDER BY kind, currency FETCH FIRST 1 ROWS ONLY"))
        .mapTo(String.class)
        .findOne()
        .orElse(null);
    if (one == null) {
      return null;
    }
    boolean another = h.createQuery(access.sql("SELECT currency FROM {orders} WHERE kind = 'PURCHASE'"
            + " AND currency > CAST(? AS CHAR(3)) ORDER BY kind, currency FETCH FIRST 1 ROWS ONLY"))
        .bind(0, one)
        .mapTo(String.class)
        .findOne()
        .isPresent();
    if (another) {
      List<String> currencies = h.createQuery(access.sql(
              "SELECT DISTINCT currency FROM {orders} WHERE kind = 'PURCHASE'"))
          .mapTo(String.class)
          .list();
      throw InvalidInputException.argument("currency", "is required: the shop's purchases use more than one currency "
          + currencies.stream().map(String::trim).sorted().toList() + "; amounts are never added across currencies");
    }
    return Currency.getInstance(one.trim());
  }
}
