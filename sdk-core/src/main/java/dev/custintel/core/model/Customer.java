package dev.custintel.core.model;

import dev.custintel.core.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A customer of the shop, identified by the shop's own customer id.
 *
 * @param id the shop's customer id; 1 to 64 characters, no surrounding whitespace
 * @param email contact address, if known (at most 320 characters)
 * @param name display name, if known (at most 200 characters)
 * @param country country name or ISO code as the shop records it, if known (at most 64 characters)
 * @param signedUpAt when the account was created (UTC), if known; in the years 1 to 9999
 */
public record Customer(
    String id,
    @Nullable String email,
    @Nullable String name,
    @Nullable String country,
    @Nullable Instant signedUpAt) {

  /** Validates the fields; throws {@link dev.custintel.core.InvalidInputException} naming the field. */
  public Customer {
    Checks.id(id, "id");
    Checks.optionalText(email, "email", 320);
    Checks.optionalText(name, "name", 200);
    Checks.optionalText(country, "country", 64);
    Checks.storable(signedUpAt, "signedUpAt");
  }

  /**
   * A customer known only by id.
   *
   * @param id the shop's customer id
   * @return the customer
   */
  public static Customer of(String id) {
    return new Customer(id, null, null, null, null);
  }

  /**
   * A customer known by id and country.
   *
   * @param id the shop's customer id
   * @param country the country
   * @return the customer
   */
  public static Customer of(String id, @Nullable String country) {
    return new Customer(id, null, null, country, null);
  }
}
