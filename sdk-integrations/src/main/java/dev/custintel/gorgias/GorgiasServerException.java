package dev.custintel.gorgias;

import org.jspecify.annotations.Nullable;

/**
 * Gorgias failed with a 5xx status after the client's retries (or at once, for calls it does not retry). For a
 * create, the ticket may exist anyway: look it up by external id before creating it again.
 */
public class GorgiasServerException extends GorgiasException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do
   * @param operation the client operation
   * @param status the 5xx status
   * @param apiMessage the API's {@code error.msg}, if any
   * @param responseBody the response body, if any
   * @param attempts how many times the request was sent
   */
  public GorgiasServerException(
      String message,
      String operation,
      int status,
      @Nullable String apiMessage,
      @Nullable String responseBody,
      int attempts) {
    super(message, operation, status, apiMessage, responseBody, null, true, attempts, null);
  }
}
