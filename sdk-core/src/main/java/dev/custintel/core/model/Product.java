package dev.custintel.core.model;

import dev.custintel.core.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A product of the catalog.
 *
 * @param id the shop's product id (SKU, stock code); 1 to 64 characters, no surrounding whitespace
 * @param name display name, 1 to 300 characters
 * @param category category name, if the shop has categories (at most 120 characters)
 */
public record Product(String id, String name, @Nullable String category) {

  /** Validates the fields; throws {@link dev.custintel.core.InvalidInputException} naming the field. */
  public Product {
    Checks.id(id, "id");
    Checks.text(name, "name", 300);
    Checks.optionalText(category, "category", 120);
  }

  /**
   * @param id product id
   * @param name display name
   * @param category category, or null
   * @return the product
   */
  public static Product of(String id, String name, @Nullable String category) {
    return new Product(id, name, category);
  }
}
