package dev.custintel.gorgias;

/** Sort order of a ticket list, as the API's {@code order_by} parameter. */
public enum TicketOrder {
  /** Oldest created first. */
  CREATED_ASC("created_datetime:asc"),
  /** Newest created first (the API's default). */
  CREATED_DESC("created_datetime:desc"),
  /** Least recently updated first. */
  UPDATED_ASC("updated_datetime:asc"),
  /** Most recently updated first. */
  UPDATED_DESC("updated_datetime:desc");

  private final String wireName;

  TicketOrder(String wireName) {
    this.wireName = wireName;
  }

  /** @return the {@code order_by} value, such as {@code "created_datetime:desc"} */
  public String wireName() {
    return wireName;
  }
}
