package dev.custintel.spring.internal.security;

import dev.custintel.core.NotFoundException;
import dev.custintel.core.keys.ApiKey;
import dev.custintel.core.keys.ApiKeyClient;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.spring.internal.security.ApiKeyFilter.KeyPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks keys against the store's {@code ci_api_keys} table, through the SDK's key client and its short cache. */
public final class StoreKeyVerifier implements KeyVerifier {
  private final ApiKeyClient keys;

  /** @param keys the store's key client */
  public StoreKeyVerifier(ApiKeyClient keys) {
    this.keys = keys;
  }

  @Override
  public Optional<KeyPrincipal> verify(String presented) {
    return keys.verify(presented).map(StoreKeyVerifier::principal);
  }

  @Override
  public boolean stillActive(KeyPrincipal key) {
    try {
      return keys.get(key.id()).active();
    } catch (NotFoundException e) {
      return false;
    }
  }

  static KeyPrincipal principal(ApiKey key) {
    List<String> scopes = new ArrayList<>();
    for (ApiKeyScope scope : ApiKeyScope.values()) {
      if (key.allows(scope)) {
        scopes.add(scope.name().toLowerCase(Locale.ROOT));
      }
    }
    return new KeyPrincipal(key.id(), key.name(), List.copyOf(scopes));
  }
}
