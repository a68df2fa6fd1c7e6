package dev.custintel.spring.internal.security;

import dev.custintel.spring.internal.security.ApiKeyFilter.KeyPrincipal;
import java.util.Optional;

/** Tells whether a presented API key is valid, and whose it is. */
@FunctionalInterface
public interface KeyVerifier {
  /**
   * @param presented the header's value, trimmed
   * @return the key's holder, or empty when it is unknown, malformed or revoked
   */
  Optional<KeyPrincipal> verify(String presented);

  /**
   * Whether a key this verifier accepted is still active, for connections that outlive their request (see
   * {@link KeyRevocations}). The default, for a verifier that cannot tell, is true.
   *
   * @param key a holder {@link #verify} returned
   * @return false once the key is revoked or gone
   * @throws RuntimeException when it cannot tell now (the database is away); the connection stays open
   */
  default boolean stillActive(KeyPrincipal key) {
    return true;
  }
}
