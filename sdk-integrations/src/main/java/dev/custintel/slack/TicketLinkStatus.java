package dev.custintel.slack;

/** Where a Slack message's ticket stands. */
public enum TicketLinkStatus {
  /** An attempt to create the ticket holds the claim (or died holding it; retried once the claim is stale). */
  PENDING,
  /** The ticket exists and is linked. */
  LINKED,
  /** The last attempt failed; the next ticket reaction or {@code retryFailed()} tries again. */
  FAILED
}
