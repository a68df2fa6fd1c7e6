package dev.custintel.core.internal.keys;

import dev.custintel.core.keys.ApiKeyScope;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/** Scopes as the {@code scopes} column holds them: lower-case names in the enum's order, comma-separated. Not API. */
final class ScopesColumn {
  private ScopesColumn() {}

  static String write(Set<ApiKeyScope> scopes) {
    StringJoiner out = new StringJoiner(",");
    for (ApiKeyScope s : EnumSet.copyOf(scopes)) {
      out.add(s.name().toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  /** @throws IllegalStateException for a name this version does not know (written by a newer one, or by hand) */
  static Set<ApiKeyScope> read(String column, String keyId) {
    EnumSet<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
    for (String name : column.split(",", -1)) {
      try {
        scopes.add(ApiKeyScope.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("API key " + keyId + " has an unknown scope '" + name
            + "' in its scopes column: this version knows read, write and admin", e);
      }
    }
    return scopes;
  }
}
