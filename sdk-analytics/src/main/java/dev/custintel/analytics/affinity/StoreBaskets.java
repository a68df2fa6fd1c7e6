package dev.custintel.analytics.affinity;

import dev.custintel.analytics.internal.models.StoreBasketReader;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The store's purchases as {@link Baskets}, for mining them directly (model runs do this themselves).
 *
 * <p>One basket per purchase order (in every currency); returns are not baskets; items are product ids, each once
 * per basket whatever its quantity or number of lines. Orders are streamed from the database, so only the baskets
 * themselves (an int per item occurrence) and the product dictionary are held in memory.
 */
public final class StoreBaskets {
  private StoreBaskets() {}

  /**
   * @param store the store
   * @param asOf the last UTC day whose orders are read; null for all orders
   * @return the baskets, items named by product id
   * @throws DataAccessException if the database fails
   */
  public static Baskets read(CustintelStore store, @Nullable LocalDate asOf) {
    StoreAccess access = StoreAccess.of(store);
    return access.inSnapshot("Reading the baskets of the purchases in " + access.table("orders"),
        h -> StoreBasketReader.read(access, h, asOf)).baskets();
  }
}
