package dev.custintel.integrations.internal.http;

/**
 * How a call passes the client-side rate limit before it is sent. Not API.
 */
public sealed interface Admission {

  /** No client-side limit. */
  Admission NONE = new None();

  /** @return waiting for a place in {@code limiter} before every attempt, retries included (Gorgias) */
  static Admission queue(RateLimiter limiter) {
    return new Queue(limiter);
  }

  /**
   * @return refusing the call, unsent, when {@code limiter} has no place for its first attempt (Slack's
   *     conversation reads: a minute's wait is the caller's to decide)
   */
  static Admission refuse(RateLimiter limiter) {
    return new Refuse(limiter);
  }

  /** No client-side limit. */
  record None() implements Admission {}

  /**
   * Every attempt takes a place and waits for it: the limit is the account's, and retries count against it too.
   *
   * @param limiter the limit
   */
  record Queue(RateLimiter limiter) implements Admission {}

  /**
   * The first attempt takes a place if there is one, else the call fails with {@link FailureMapper#heldBack}.
   * Retries are not counted again: the call was admitted, and a retry's wait is already the server's
   * {@code Retry-After} or the backoff.
   *
   * @param limiter the limit
   */
  record Refuse(RateLimiter limiter) implements Admission {}
}
