package dev.custintel.gorgias;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Gorgias kept answering 429 (too many requests) after the client's retries, or asked for a wait longer than the
 * client's {@code maxRetryAfter}. Wait {@link #retryAfter()} and try again; if it happens often, other
 * integrations of the account share its limit, or the client's own limit is set above the account's.
 */
public class GorgiasRateLimitException extends GorgiasException {
  private static final long serialVersionUID = 1L;

  private final @Nullable CallLimit callLimit;

  /**
   * @param operation the client operation
   * @param retryAfter the API's {@code Retry-after}, if it sent one
   * @param callLimit the last {@code X-Gorgias-Account-Api-Call-Limit} figure, if any
   * @param responseBody the response body, if any
   * @param attempts how many times the request was sent
   */
  public GorgiasRateLimitException(
      String operation,
      @Nullable Duration retryAfter,
      @Nullable CallLimit callLimit,
      @Nullable String responseBody,
      int attempts) {
    super("Gorgias rate limit reached for " + operation + " (429 after " + attempts + " attempt"
            + (attempts == 1 ? "" : "s") + (callLimit == null ? "" : ", " + callLimit.used() + "/" + callLimit.limit()
            + " calls used") + "). Try again " + (retryAfter == null ? "later" : "in " + (retryAfter.toMillis() + 999) / 1000
            + " s") + ".",
        operation, 429, null, responseBody, retryAfter, true, attempts, null);
    this.callLimit = callLimit;
  }

  /** @return the account's usage figure that came with the last response, if any */
  public @Nullable CallLimit callLimit() {
    return callLimit;
  }
}
