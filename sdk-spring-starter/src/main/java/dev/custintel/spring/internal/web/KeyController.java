package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.keys.ApiKey;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.keys.CreatedApiKey;
import dev.custintel.core.store.CustintelStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys: create (the key is in this one response only), list (never the key or its hash) and revoke. */
@RestController
@RequestMapping(path = "${custintel.api.admin-path:/admin}/keys", produces = "application/json")
@Tag(name = "admin")
public final class KeyController {
  private final CustintelStore store;

  /** @param ci the facade */
  public KeyController(CustomerIntelligence ci) {
    this.store = ci.store();
  }

  /**
   * @param body the key's name and scopes
   * @return 201 with the key, shown this once
   */
  @PostMapping(consumes = "application/json")
  @Operation(summary = "Create a key; the response holds the key itself, which is never shown again")
  public ResponseEntity<NewKey> create(@RequestBody KeyRequest body) {
    if (body.name() == null) {
      throw InvalidInputException.argument("name", "is required");
    }
    List<String> requested = body.scopes() == null ? List.of() : body.scopes();
    Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
    for (String scope : requested) {
      if (scope == null) {
        throw InvalidInputException.argument("scopes", "must not hold null");
      }
      scopes.add(Params.enumValue(ApiKeyScope.class, scope, "scopes"));
    }
    if (scopes.isEmpty()) {
      throw InvalidInputException.argument("scopes", "must name at least one of read, write, admin");
    }
    CreatedApiKey created = store.apiKeys().create(body.name(), scopes);
    return ResponseEntity.status(HttpStatus.CREATED).body(new NewKey(view(created.apiKey()), created.key()));
  }

  /** @return every key, newest first, without secrets */
  @GetMapping
  @Operation(summary = "Every key with its scopes, creation, last use and revocation; never the key")
  public List<KeyView> list() {
    return store.apiKeys().list().stream().map(KeyController::view).toList();
  }

  /**
   * @param id the key's id
   * @return 204 once revoked (also when it already was)
   */
  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke a key; requests with it are refused at once on this server")
  public ResponseEntity<Void> revoke(@PathVariable("id") String id) {
    store.apiKeys().revoke(id);
    return ResponseEntity.noContent().build();
  }

  static KeyView view(ApiKey key) {
    return new KeyView(key.id(), key.name(),
        key.scopes().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList(),
        key.createdAt(), key.lastUsedAt(), key.revokedAt());
  }

  /**
   * A request for a key.
   *
   * @param name what the key is for, 1 to 100 characters
   * @param scopes any of read, write, admin (admin includes write, write includes read)
   */
  public record KeyRequest(@Nullable String name, @Nullable List<String> scopes) {}

  /**
   * A key without its secret.
   *
   * @param id the key's id, for revocation
   * @param name what it is for
   * @param scopes its scopes as granted
   * @param createdAt when it was made
   * @param lastUsedAt when it was last used (to the minute), or null
   * @param revokedAt when it was revoked, or null
   */
  public record KeyView(
      String id,
      String name,
      List<String> scopes,
      Instant createdAt,
      @Nullable Instant lastUsedAt,
      @Nullable Instant revokedAt) {}

  /**
   * A new key.
   *
   * @param apiKey the key's metadata
   * @param key the key itself, to send in {@code X-API-Key}; shown only in this response
   */
  public record NewKey(KeyView apiKey, String key) {
    @Override
    public String toString() {
      return "NewKey[" + apiKey + ", key=****]";
    }
  }
}
