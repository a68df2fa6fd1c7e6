package dev.custintel.integrations.internal.http;

import java.time.Duration;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP attempt that got an answer, body read. Not API.
 *
 * @param status the HTTP status
 * @param body the body as text, possibly empty
 * @param headers the response headers
 * @param attempt 1 for the first attempt of the call
 * @param nanos how long the attempt took, body included
 */
public record Exchange(int status, String body, Headers headers, int attempt, long nanos) {

  /** @return the named header's value, or null */
  public @Nullable String header(String name) {
    return headers.get(name);
  }

  /** @return the {@code Retry-After} header as a wait, if it is one; see {@link #retryAfter(String)} */
  public @Nullable Duration retryAfter() {
    return retryAfter(header("Retry-After"));
  }

  /**
   * Seconds, as Gorgias and Slack send them; fractions accepted; anything else (such as an HTTP date, a negative
   * or absurd number) is ignored, and the caller's backoff applies.
   */
  public static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(header.strip());
      return seconds >= 0 && seconds < 86_400 ? Duration.ofMillis((long) Math.ceil(seconds * 1000)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
