package dev.custintel.gorgias;

import dev.custintel.core.CustintelException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A Gorgias call failed. Catch this type for any remote failure; the subtypes say which kind:
 * {@link GorgiasValidationException} (400), {@link GorgiasAuthException} (401, 403),
 * {@link GorgiasNotFoundException} (404), {@link GorgiasRateLimitException} (429 after the retries),
 * {@link GorgiasServerException} (5xx after the retries), {@link GorgiasConnectionException} (no response after
 * the retries). Other statuses (such as 409 or 413) are this type itself.
 *
 * <p>Messages and fields never contain the API key, the token or the Authorization header.
 */
public class GorgiasException extends CustintelException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 2_000;

  private final String operation;
  private final int status;
  private final @Nullable String apiMessage;
  private final @Nullable String responseBody;
  private final @Nullable Duration retryAfter;
  private final boolean retryable;
  private final int attempts;

  /**
   * @param message what happened and what to do
   * @param operation the client operation, such as {@code "tickets.create"}
   * @param status the HTTP status, or 0 when there was no response
   * @param apiMessage the API's {@code error.msg}, if it sent one
   * @param responseBody the response body (kept up to 2,000 characters), if any
   * @param retryAfter how long the API asked to wait, if it did
   * @param retryable whether the same call may succeed later
   * @param attempts how many times the request was sent (0 when it never was)
   * @param cause the underlying failure, if any
   */
  public GorgiasException(
      String message,
      String operation,
      int status,
      @Nullable String apiMessage,
      @Nullable String responseBody,
      @Nullable Duration retryAfter,
      boolean retryable,
      int attempts,
      @Nullable Throwable cause) {
    super(message, cause);
    this.operation = operation;
    this.status = status;
    this.apiMessage = apiMessage;
    this.responseBody = responseBody == null || responseBody.length() <= MAX_BODY
        ? responseBody
        : responseBody.substring(0, MAX_BODY);
    this.retryAfter = retryAfter;
    this.retryable = retryable;
    this.attempts = attempts;
  }

  /** @return the client operation, such as {@code "tickets.create"} (the tag of the request meter) */
  public String operation() {
    return operation;
  }

  /** @return the HTTP status of the last response, or 0 when there was none */
  public int status() {
    return status;
  }

  /** @return the API's own error message ({@code error.msg}), or null if it sent none */
  public @Nullable String apiMessage() {
    return apiMessage;
  }

  /** @return the last response body, cut to 2,000 characters, or null */
  public @Nullable String responseBody() {
    return responseBody;
  }

  /** @return how long Gorgias asked to wait before trying again, or null if it did not say */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /** @return whether sending the same call again later may succeed */
  public boolean retryable() {
    return retryable;
  }

  /** @return how many times the client sent the request (retries included) */
  public int attempts() {
    return attempts;
  }
}
