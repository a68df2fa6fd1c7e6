package dev.custintel.gorgias;

import java.time.Instant;

/**
 * The account's API usage as Gorgias last reported it in the {@code X-Gorgias-Account-Api-Call-Limit} header
 * ({@code used/limit}, such as {@code 10/40}). The figure is per account and leaky-bucket window: other
 * integrations of the same account count too.
 *
 * @param used calls counted in the current window
 * @param limit calls allowed per window
 * @param observedAt when the response carrying the figure arrived, by the client's clock
 */
public record CallLimit(int used, int limit, Instant observedAt) {

  /** @return calls left in the window, never negative */
  public int remaining() {
    return Math.max(0, limit - used);
  }
}
