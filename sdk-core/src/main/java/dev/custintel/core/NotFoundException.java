package dev.custintel.core;

/**
 * Thrown when a requested entity (customer, product, model run, a customer's score...) does not exist. The message
 * says where it was looked for and what the caller can do about it; {@link #entity()} and {@link #id()} carry the
 * same facts for code.
 */
public class NotFoundException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final String entity;
  private final String id;

  /**
   * @param entity kind of entity, such as {@code "customer"}
   * @param id the identifier that was looked up
   * @param message the whole message: what was not found, where it was looked for, and what to do about it
   */
  public NotFoundException(String entity, String id, String message) {
    super(message);
    this.entity = entity;
    this.id = id;
  }

  /**
   * A customer that the store does not hold.
   *
   * @param customerId the id looked up
   * @return the exception
   */
  public static NotFoundException customer(String customerId) {
    return new NotFoundException("customer", customerId, "No customer with id '" + customerId + "' in the store."
        + " Check the id: a customer is stored when an order or a customer record with that id is ingested.");
  }

  /**
   * A product that the store does not hold.
   *
   * @param productId the id (sku) looked up
   * @return the exception
   */
  public static NotFoundException product(String productId) {
    return new NotFoundException("product", productId, "No product with id '" + productId + "' in the store."
        + " Check the id: a product is stored when an order line or a product record with that id is ingested.");
  }

  /** @return the kind of entity that was looked up, such as {@code "customer"} */
  public String entity() {
    return entity;
  }

  /** @return the identifier that was not found */
  public String id() {
    return id;
  }
}
