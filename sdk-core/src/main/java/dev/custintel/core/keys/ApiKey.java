package dev.custintel.core.keys;

import dev.custintel.core.InvalidInputException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API key's metadata, as stored: never the key itself nor its hash, so it is safe to show, log and return from
 * an admin endpoint.
 *
 * @param id the key's id, a UUID such as {@code 0f8fad5b-d9cb-469f-a165-70867728950e}; not part of the key
 * @param name what the key is for, 1 to 100 characters
 * @param scopes what the key may do, not empty; unmodifiable, in the enum's order (see {@link #allows})
 * @param lookupId the 8 characters after {@code ci_} at the start of the key ({@code ci_<lookupId>_...}), which
 *     tell which stored key a presented one should be compared with. Not secret (the key's 256-bit secret follows
 *     it), and useful to match a key in hand with its entry. For a bootstrap key that is not in this form (see
 *     {@link ApiKeyClient#storeBootstrapAdminKey}) it is derived from the key and does not appear in it
 * @param createdAt when the key was created
 * @param lastUsedAt when the key was last accepted by {@link ApiKeyClient#verify}, to the minute (see there); null
 *     if never
 * @param revokedAt when the key was revoked; null while it is active
 */
public record ApiKey(
    String id,
    String name,
    Set<ApiKeyScope> scopes,
    String lookupId,
    Instant createdAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt) {

  /**
   * @throws NullPointerException naming a required component that is null, or {@code scopes[]} for a null scope
   * @throws InvalidInputException naming {@code scopes} when there are none
   */
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(lookupId, "lookupId");
    Objects.requireNonNull(createdAt, "createdAt");
    scopes = copyOf(scopes);
  }

  /**
   * @param scopes scopes as given
   * @return an unmodifiable copy in the enum's order
   * @throws InvalidInputException naming {@code scopes} when empty
   */
  static Set<ApiKeyScope> copyOf(Set<ApiKeyScope> scopes) {
    if (scopes.isEmpty()) {
      throw InvalidInputException.argument("scopes", "must name at least one of read, write, admin");
    }
    EnumSet<ApiKeyScope> copy = EnumSet.noneOf(ApiKeyScope.class);
    for (ApiKeyScope s : scopes) {
      copy.add(Objects.requireNonNull(s, "scopes[]"));
    }
    return Collections.unmodifiableSet(copy);
  }

  /** @return whether the key is active: not revoked */
  public boolean active() {
    return revokedAt == null;
  }

  /**
   * Whether the key's scopes allow what needs {@code required}, scopes being hierarchical ({@link
   * ApiKeyScope#allows}): a key with {@code ADMIN} allows {@code READ}. Says nothing of revocation: {@link
   * ApiKeyClient#verify} returns only active keys.
   *
   * @param required the scope an operation needs
   * @return whether one of the key's scopes includes it
   */
  public boolean allows(ApiKeyScope required) {
    Objects.requireNonNull(required, "required");
    for (ApiKeyScope s : scopes) {
      if (s.allows(required)) {
        return true;
      }
    }
    return false;
  }
}
