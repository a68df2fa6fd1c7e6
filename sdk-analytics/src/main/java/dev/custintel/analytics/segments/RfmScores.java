package dev.custintel.analytics.segments;

import dev.custintel.core.model.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer's RFM values and scores as of an instant, in one currency.
 *
 * @param customerId the customer
 * @param lastPurchaseAt the customer's last purchase before the as-of instant
 * @param recencyDays whole days from the last purchase to the as-of instant (rounded down)
 * @param frequency purchases before the as-of instant
 * @param monetary total of those purchases less the returns before the as-of instant
 * @param r recency score, 1 to the preset's scale; fewer days score higher
 * @param f frequency score
 * @param m monetary score
 */
public record RfmScores(
    String customerId, Instant lastPurchaseAt, long recencyDays, long frequency, Money monetary, int r, int f, int m) {

  /** Checks that nothing is missing. */
  public RfmScores {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(lastPurchaseAt, "lastPurchaseAt");
    Objects.requireNonNull(monetary, "monetary");
  }

  /** @return the scores as one code, such as {@code "545"} for R 5, F 4, M 5 */
  public String code() {
    return "" + r + f + m;
  }
}
