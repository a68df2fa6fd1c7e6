package dev.custintel.core.keys;

import java.util.Objects;

/**
 * What an API key may do. Scopes are hierarchical, in this order: {@link #ADMIN} allows everything
 * {@link #WRITE} allows, and {@link #WRITE} everything {@link #READ} allows, so a key needs only its highest scope.
 */
public enum ApiKeyScope {
  /** Read the store: customers, scores, model runs, rules. */
  READ,
  /** Read, and change data: ingest orders, start model runs. */
  WRITE,
  /** Read and write, and administer: manage API keys, caches and the pool. */
  ADMIN;

  /**
   * Whether a key with this scope may do what needs {@code required}: true when this scope is {@code required} or
   * above it ({@code ADMIN.allows(READ)} is true, {@code READ.allows(WRITE)} false).
   *
   * @param required the scope an operation needs
   * @return whether this scope includes it
   */
  public boolean allows(ApiKeyScope required) {
    return compareTo(Objects.requireNonNull(required, "required")) >= 0;
  }
}
