package dev.custintel.analytics.internal.ask;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.analytics.segments.SegmentRule;
import dev.custintel.core.spi.StoreAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The vocabulary of the store: customer ids looked up one question at a time, and products, countries and the
 * main currency read at most once a minute (a catalog of 10,000 products is a few hundred kilobytes). Not API.
 */
public final class StoreVocabulary implements Vocabulary {
  /** Products beyond this many are not recognised by name (ids still are, through the id pattern). */
  static final int MAX_PRODUCTS = 20_000;

  private final StoreAccess access;
  private final SegmentPreset preset;
  private final Cache<String, Object> cache = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(8).build();

  /**
   * @param access the store
   * @param preset the preset whose segments questions name
   */
  public StoreVocabulary(StoreAccess access, SegmentPreset preset) {
    this.access = Objects.requireNonNull(access, "access");
    this.preset = Objects.requireNonNull(preset, "preset");
  }

  @Override
  public @Nullable String customer(List<String> candidates) {
    List<String> ids = candidates.stream().filter(c -> !c.isBlank() && c.length() <= 64).distinct().toList();
    if (ids.isEmpty()) {
      return null;
    }
    List<String> found = access.read("Looking up a customer named in a question", h -> h.createQuery(
            access.sql("SELECT customer_id FROM {customers} WHERE customer_id IN (<ids>)"))
        .bindList("ids", ids).mapTo(String.class).list());
    for (String c : ids) {
      if (found.contains(c)) {
        return c;
      }
    }
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Product> products() {
    return (List<Product>) cache.get("products", k -> access.read("Reading the product names questions may use",
        h -> h.createQuery(access.sql("SELECT product_id, name FROM {products} ORDER BY product_id FETCH FIRST "
                + MAX_PRODUCTS + " ROWS ONLY"))
            .map((rs, ctx) -> new Product(rs.getString(1), rs.getString(2))).list()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> countries() {
    return (List<String>) cache.get("countries", k -> access.read("Reading the customer countries",
        h -> h.createQuery(access.sql("SELECT DISTINCT country FROM {customers} WHERE country IS NOT NULL"
                + " ORDER BY country FETCH FIRST 500 ROWS ONLY"))
            .mapTo(String.class).list()));
  }

  @Override
  public List<String> segments() {
    List<String> names = new ArrayList<>();
    for (SegmentRule r : preset.segments()) {
      names.add(r.name());
    }
    return names;
  }

  /** @return the currency of most purchases, or null when there are none */
  public @Nullable Currency mainCurrency() {
    Object c = cache.get("currency", k -> access.read("Reading the shop's main currency",
        h -> h.createQuery(access.sql("SELECT currency, COUNT(*) AS n FROM {orders} WHERE kind = 'PURCHASE'"
                + " GROUP BY currency ORDER BY n DESC, currency FETCH FIRST 1 ROWS ONLY"))
            .map((rs, ctx) -> (Object) rs.getString(1).trim()).findOne().orElse("")));
    return c == null || c.toString().isEmpty() ? null : Currency.getInstance(c.toString());
  }

  /** @return the preset whose segments questions name */
  public SegmentPreset preset() {
    return preset;
  }
}
