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
}
