package dev.custintel.gorgias;

import org.jspecify.annotations.Nullable;

/**
 * Gorgias refused the credentials (401: missing, wrong or expired) or the user behind them lacks the permission
 * (403: the API key's user role, or the OAuth scopes). Also thrown, with status 0 and nothing sent, when the
 * bearer-token supplier fails or returns no token.
 */
public class GorgiasAuthException extends GorgiasException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do (never the credentials)
   * @param operation the client operation
   * @param status 401, 403, or 0 when no request was sent
   * @param apiMessage the API's {@code error.msg}, if any
   * @param responseBody the response body, if any
   * @param attempts how many times the request was sent
   * @param cause the token supplier's failure, if that was the problem
   */
  public GorgiasAuthException(
      String message,
      String operation,
      int status,
      @Nullable String apiMessage,
      @Nullable String responseBody,
      int attempts,
      @Nullable Throwable cause) {
    super(message, operation, status, apiMessage, responseBody, null, false, attempts, cause);
  }

  /** @return whether Gorgias did not accept the credentials at all (401), as opposed to a missing permission */
  public boolean credentialsRejected() {
    return status() == 401;
  }
}
