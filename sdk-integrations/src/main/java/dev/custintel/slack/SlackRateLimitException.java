package dev.custintel.slack;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A Web API call was rate limited: Slack kept answering 429 after the client's retries, asked for a longer wait
 * than the client's {@code maxRetryAfter}, or the client's own limiter held the call back without sending it
 * ({@link #sent()} false; see {@link SlackWebClient.Builder#conversationReadLimit}). Wait {@link #retryAfter()}.
 */
public class SlackRateLimitException extends SlackException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;
  private final boolean sent;

  /**
   * @param method the Web API method
   * @param retryAfter how long to wait, if known
   * @param sent whether the request reached Slack (false when the client-side limiter held it back)
   * @param attempts how many times the request was sent
   */
  public SlackRateLimitException(String method, @Nullable Duration retryAfter, boolean sent, int attempts) {
    super((sent ? "Slack rate limit reached for " + method + " (429)" : "Held back " + method
            + " to stay within Slack's rate limit for it; not sent") + ". Try again "
            + (retryAfter == null ? "later" : "in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s") + ".",
        method, sent ? 429 : 0, attempts, true, null);
    this.retryAfter = retryAfter;
    this.sent = sent;
  }

  /** @return how long to wait before calling the method again, if known */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /** @return whether the request reached Slack; false when the client's own limiter held it back */
  public boolean sent() {
    return sent;
  }
}
