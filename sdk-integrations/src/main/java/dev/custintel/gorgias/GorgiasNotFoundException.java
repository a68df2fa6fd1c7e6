package dev.custintel.gorgias;

import org.jspecify.annotations.Nullable;

/**
 * The ticket (or other resource) does not exist in the account, often because it was deleted (HTTP 404). This is
 * a {@link GorgiasException}, not a {@code dev.custintel.core.NotFoundException}: catch this type (or
 * {@code CustintelException}).
 */
public class GorgiasNotFoundException extends GorgiasException {
  private static final long serialVersionUID = 1L;

  private final String entity;
  private final String id;

  /**
   * @param operation the client operation
   * @param entity what was looked up, such as {@code "ticket"}
   * @param id its id
   * @param apiMessage the API's {@code error.msg}, if any
   * @param responseBody the response body, if any
   * @param attempts how many times the request was sent
   */
  public GorgiasNotFoundException(
      String operation,
      String entity,
      String id,
      @Nullable String apiMessage,
      @Nullable String responseBody,
      int attempts) {
    super("Gorgias has no " + entity + " with id " + id + " (" + operation + ", 404"
            + (apiMessage == null ? "" : ": " + apiMessage) + "). Check the id; the " + entity
            + " may have been deleted.",
        operation, 404, apiMessage, responseBody, null, false, attempts, null);
    this.entity = entity;
    this.id = id;
  }

  /** @return what was looked up, such as {@code "ticket"} */
  public String entity() {
    return entity;
  }

  /** @return the id that was not found */
  public String id() {
    return id;
  }
}
