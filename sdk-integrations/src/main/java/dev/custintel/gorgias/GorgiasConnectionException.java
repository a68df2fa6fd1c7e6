package dev.custintel.gorgias;

import java.io.IOException;

/**
 * No response from Gorgias after the client's retries: connection refused or reset, DNS failure, timeout. For a
 * create, the ticket may exist anyway: look it up by external id before creating it again.
 */
public class GorgiasConnectionException extends GorgiasException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do
   * @param operation the client operation
   * @param attempts how many times the request was sent
   * @param cause the I/O failure of the last attempt
   */
  public GorgiasConnectionException(String message, String operation, int attempts, IOException cause) {
    super(message, operation, 0, null, null, null, true, attempts, cause);
  }
}
