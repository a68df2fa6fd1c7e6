package dev.custintel.core.keys;

import static dev.custintel.core.keys.ApiKeyScope.ADMIN;
import static dev.custintel.core.keys.ApiKeyScope.READ;
import static dev.custintel.core.keys.ApiKeyScope.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scopes are hierarchical: admin ⊇ write ⊇ read. */
class ApiKeyScopeTest {

  @Test
  void allows_everyPair_followsTheHierarchy() {
    assertThat(READ.allows(READ)).isTrue();
    assertThat(READ.allows(WRITE)).isFalse();
    assertThat(READ.allows(ADMIN)).isFalse();
    assertThat(WRITE.allows(READ)).isTrue();
    assertThat(WRITE.allows(WRITE)).isTrue();
    assertThat(WRITE.allows(ADMIN)).isFalse();
    assertThat(ADMIN.allows(READ)).isTrue();
    assertThat(ADMIN.allows(WRITE)).isTrue();
    assertThat(ADMIN.allows(ADMIN)).isTrue();
    assertThatThrownBy(() -> READ.allows(null)).isInstanceOf(NullPointerException.class).hasMessage("required");
  }

  private static ApiKey key(Set<ApiKeyScope> scopes, Instant revokedAt) {
    return new ApiKey("0f8fad5b-d9cb-469f-a165-70867728950e", "k", scopes, "ABCDEFGH",
        Instant.parse("2026-01-01T00:00:00Z"), null, revokedAt);
  }

  @Test
  void apiKeyAllows_anyOfItsScopes() {
    assertThat(List.of(READ, WRITE, ADMIN)).map(s -> key(Set.of(WRITE), null).allows(s))
        .containsExactly(true, true, false);
    assertThat(List.of(READ, WRITE, ADMIN)).map(s -> key(Set.of(READ, ADMIN), null).allows(s))
        .containsExactly(true, true, true);
    assertThat(key(Set.of(READ), null).active()).isTrue();
    assertThat(key(Set.of(READ), Instant.parse("2026-01-02T00:00:00Z")).active()).isFalse();
  }

  @Test
  void apiKey_scopesCopiedInEnumOrderAndChecked() {
    Set<ApiKeyScope> given = new LinkedHashSet<>(List.of(ADMIN, READ));
    ApiKey k = key(given, null);
    given.clear();
    assertThat(k.scopes()).containsExactly(READ, ADMIN);
    assertThatThrownBy(() -> k.scopes().add(WRITE)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> key(Set.of(), null)).isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("scopes");
    assertThatThrownBy(() -> key(new HashSet<>(Arrays.asList(READ, null)), null))
        .isInstanceOf(NullPointerException.class).hasMessage("scopes[]");
  }

  @Test
  void createdApiKey_toString_hidesTheKey() {
    String secret = "ci_ABCDEFGH_" + "7".repeat(43);
    CreatedApiKey created = new CreatedApiKey(key(Set.of(READ), null), secret);
    assertThat(created.toString()).doesNotContain(secret).doesNotContain("7777").contains("key=***")
        .contains("0f8fad5b-d9cb-469f-a165-70867728950e");
    assertThat(created.key()).isEqualTo(secret);
  }
}
