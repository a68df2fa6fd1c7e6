package dev.custintel.slack;

import dev.custintel.core.CustintelException;
import org.jspecify.annotations.Nullable;

/**
 * A Slack Web API call failed. Catch this type for any Slack failure; the subtypes say which kind:
 * {@link SlackApiException} (Slack answered {@code ok:false} with an error code), {@link SlackRateLimitException}
 * (429 after the retries, or held back by the client's own limiter). This type itself covers other HTTP statuses,
 * unreadable answers and no answer at all.
 *
 * <p>Messages and fields never contain the bot token or the Authorization header.
 */
public class SlackException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final int status;
  private final int attempts;
  private final boolean retryable;

  /**
   * @param message what happened and what to do
   * @param method the Web API method, such as {@code "chat.postMessage"}
   * @param status the HTTP status of the last response, or 0 when there was none
   * @param attempts how many times the request was sent (0 when it never was)
   * @param retryable whether the same call may succeed later
   * @param cause the underlying failure, if any
   */
  public SlackException(
      String message, String method, int status, int attempts, boolean retryable, @Nullable Throwable cause) {
    super(message, cause);
    this.method = method;
    this.status = status;
    this.attempts = attempts;
    this.retryable = retryable;
  }

  /** @return the Web API method, such as {@code "conversations.history"} */
  public String method() {
    return method;
  }

  /** @return the HTTP status of the last response, or 0 when there was none */
  public int status() {
    return status;
  }

  /** @return how many times the client sent the request, retries included (0 when it never was) */
  public int attempts() {
    return attempts;
  }

  /** @return whether sending the same call again later may succeed */
  public boolean retryable() {
    return retryable;
  }
}
