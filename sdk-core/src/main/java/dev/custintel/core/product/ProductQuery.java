package dev.custintel.core.product;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A listing of products, by sku, one page at a time. Filters combine with AND.
 *
 * <pre>{@code
 * ProductPage page = ci.products().list(ProductQuery.builder().category("Tea").nameContains("green").build());
 * }</pre>
 *
 * @param category products in exactly this category (case-sensitive, as stored); null for no filter
 * @param nameContains products whose name contains this text, ignoring case (letters are compared as the database
 *     lower-cases them: ASCII letters always, others as its locale does); null for no filter
 * @param soldWithin products with at least one purchase placed in this period; their figures then count only the
 *     orders (purchases and returns) placed in it. Null for every product, sold or not, with all-time figures
 * @param limit page size, 1 to 1,000
 * @param cursor the previous page's {@link ProductPage#nextCursor()}, or null for the first page
 */
public record ProductQuery(
    @Nullable String category,
    @Nullable String nameContains,
    @Nullable DateRange soldWithin,
    int limit,
    @Nullable String cursor) {

  /** Largest page size. */
  public static final int MAX_LIMIT = 1_000;

  /** Page size of a query that sets none. */
  public static final int DEFAULT_LIMIT = 50;

  /** Longest category the store keeps. */
  private static final int MAX_CATEGORY = 120;

  /** Longest product name the store keeps: a longer text is in no name. */
  private static final int MAX_NAME = 300;

  /** Validates the query; throws {@link InvalidInputException} naming the field. */
  public ProductQuery {
    if (category != null) {
      Checks.text(category, "category", MAX_CATEGORY);
    }
    if (nameContains != null) {
      Checks.text(nameContains, "nameContains", MAX_NAME);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
  }

  /** @return a builder: every product, by sku, 50 a page */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param nextCursor the previous page's cursor
   * @return the same query for the next page
   */
  public ProductQuery withCursor(@Nullable String nextCursor) {
    return new ProductQuery(category, nameContains, soldWithin, limit, nextCursor);
  }

  /** Builds a {@link ProductQuery}. */
  public static final class Builder {
    private @Nullable String category;
    private @Nullable String nameContains;
    private @Nullable DateRange soldWithin;
    private int limit = DEFAULT_LIMIT;
    private @Nullable String cursor;

    private Builder() {}

    /**
     * @param value products in exactly this category
     * @return this builder
     */
    public Builder category(String value) {
      this.category = Objects.requireNonNull(value, "category");
      return this;
    }

    /**
     * @param value products whose name contains this text, ignoring case
     * @return this builder
     */
    public Builder nameContains(String value) {
      this.nameContains = Objects.requireNonNull(value, "nameContains");
      return this;
    }

    /**
     * @param value products bought in this period, with the period's figures
     * @return this builder
     */
    public Builder soldWithin(DateRange value) {
      this.soldWithin = Objects.requireNonNull(value, "soldWithin");
      return this;
    }

    /**
     * @param value page size, 1 to 1,000; default 50
     * @return this builder
     */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /**
     * @param value a previous page's cursor, or null for the first page
     * @return this builder
     */
    public Builder cursor(@Nullable String value) {
      this.cursor = value;
      return this;
    }

    /**
     * @return the query
     * @throws InvalidInputException naming the field of a bad value
     */
    public ProductQuery build() {
      return new ProductQuery(category, nameContains, soldWithin, limit, cursor);
    }
  }
}
