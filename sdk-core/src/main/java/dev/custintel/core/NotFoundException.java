package dev.custintel.core;

/** Thrown when a requested entity (customer, product, order, model run...) does not exist. */
public class NotFoundException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final String entity;
  private final String id;

  /**
   * @param entity kind of entity, such as {@code "customer"}
   * @param id the identifier that was looked up
   */
  public NotFoundException(String entity, String id) {
    super("No " + entity + " with id '" + id + "'. Check the id, or ingest the " + entity + "'s data first.");
    this.entity = entity;
    this.id = id;
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
