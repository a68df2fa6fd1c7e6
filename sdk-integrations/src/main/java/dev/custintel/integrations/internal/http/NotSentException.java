package dev.custintel.integrations.internal.http;

import org.jspecify.annotations.Nullable;

/**
 * Thrown from an OkHttp interceptor when a request cannot be prepared, such as a bearer token supplier that
 * fails. The executor turns it into the client's failure through {@link FailureMapper#notSent} at once: nothing
 * was sent, and trying again at once would ask the same supplier the same question. Not API.
 */
public class NotSentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what could not be had, without any secret
   * @param cause the underlying failure, if any
   */
  public NotSentException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
