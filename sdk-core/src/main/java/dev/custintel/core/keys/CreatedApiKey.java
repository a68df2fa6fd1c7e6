package dev.custintel.core.keys;

import java.util.Objects;

/**
 * A new API key: its metadata and the key itself, which is shown this once and never stored (the store keeps its
 * hash). Hand the key to its user and drop it; {@link #toString()} does not show it.
 *
 * @param apiKey the key's metadata, as {@link ApiKeyClient#list()} will show it
 * @param key the key to send in the {@code X-API-Key} header, such as {@code ci_Ab3dE9hK_} followed by 43 letters
 *     and digits (55 characters, a 256-bit secret)
 */
public record CreatedApiKey(ApiKey apiKey, String key) {

  /** @throws NullPointerException naming a component that is null */
  public CreatedApiKey {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(key, "key");
  }

  /** @return the metadata only: the key is replaced by {@code ***} so it cannot reach a log by accident */
  @Override
  public String toString() {
    return "CreatedApiKey[apiKey=" + apiKey + ", key=***]";
  }
}
