package dev.custintel.core.keys;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, lists, revokes and verifies the API keys that the REST server accepts. Thread-safe; reached with
 * {@code store.apiKeys()}.
 *
 * <pre>{@code
 * CreatedApiKey created = store.apiKeys().create("reporting dashboard", Set.of(ApiKeyScope.READ));
 * send(created.key());                                   // shown this once
 * Optional<ApiKey> caller = store.apiKeys().verify(presented);   // per request
 * boolean mayWrite = caller.map(k -> k.allows(ApiKeyScope.WRITE)).orElse(false);
 * }</pre>
 *
 * <p><b>The key.</b> {@code ci_<lookup id>_<secret>}: {@code ci_}, 8 letters and digits that identify the stored
 * entry ({@link ApiKey#lookupId()}), {@code _}, then a secret of 256 bits from {@link java.security.SecureRandom} as
 * 43 letters and digits (base 62): 55 characters of {@code [A-Za-z0-9_]}, which a double click selects whole.
 *
 * <p><b>What is stored.</b> The key's SHA-256 hash (hex) and its lookup id, never the key, in table
 * {@code <prefix>api_keys}. SHA-256 rather than bcrypt, scrypt or Argon2: those are slow on purpose, to make
 * guessing a <em>password</em> from its hash expensive, because passwords are guessable. A key is 256 random bits:
 * no guess of it succeeds however fast the hash, so a slow hash would only cost every request its tens of
 * milliseconds. Verification compares hashes in constant time ({@link java.security.MessageDigest#isEqual}); the
 * lookup id only chooses which stored hash to compare with.
 *
 * <p><b>Secrecy.</b> No key, hash or secret appears in a log line, an exception message or a {@code toString()}:
 * {@link CreatedApiKey#toString()} hides the key, {@link ApiKey} holds none, and a malformed or unknown key is
 * simply not valid ({@link #verify} returns empty) rather than an exception that could quote it.
 *
 * <p><b>Verifying under load.</b> {@link #verify} keeps the keys it accepted in a small cache by hash, 10 seconds by
 * default ({@code CustintelStore.Builder.apiKeyCache}), so thousands of requests a second with the same keys cost
 * a hash each and no database read. The cost: a key revoked <em>elsewhere</em> (another process or server, or SQL)
 * is still accepted for up to that long. A key revoked through this client is refused at once. Keys that are not
 * accepted are not cached: each such attempt reads the database (an indexed lookup); limiting the rate of failed
 * attempts is the server's job.
 */
public interface ApiKeyClient {

  /**
   * Creates a key: 256 random bits, stored as its hash.
   *
   * @param name what the key is for, such as {@code "reporting dashboard"}: 1 to 100 characters, not blank; names
   *     need not be unique
   * @param scopes what the key may do, at least one; hierarchical, so {@code Set.of(ADMIN)} is enough for an admin
   * @return the key, shown this once, and its metadata
   * @throws NullPointerException naming {@code name} or {@code scopes} when null
   * @throws dev.custintel.core.InvalidInputException naming {@code name} (blank, too long, NUL character) or
   *     {@code scopes} (empty)
   */
  CreatedApiKey create(String name, Set<ApiKeyScope> scopes);

  /**
   * @return every key's metadata, revoked ones included, oldest first (by creation, then id); never a key or hash
   */
  List<ApiKey> list();

  /**
   * @param id a key's id, as {@link ApiKey#id()}
   * @return the key's metadata
   * @throws dev.custintel.core.InvalidInputException naming {@code id} when it is not a key id (the value is not
   *     repeated in the message, in case it is a key given by mistake)
   * @throws dev.custintel.core.NotFoundException when no key has that id
   */
  ApiKey get(String id);

  /**
   * Revokes a key: from now on {@link #verify} refuses it, at once through this client (its cache entry is dropped)
   * and within the cache's time to live through other clients and processes. Idempotent; a revoked key stays
   * revoked.
   *
   * @param id a key's id, as {@link ApiKey#id()}
   * @return true if this call revoked the key, false if it was already revoked
   * @throws dev.custintel.core.InvalidInputException naming {@code id} when it is not a key id
   * @throws dev.custintel.core.NotFoundException when no key has that id
   */
  boolean revoke(String id);

  /**
   * Checks a key a caller presented. Any string may be passed: one that is malformed, unknown, wrong in a single
   * character or revoked is not valid, and gives empty (never an exception that could quote it). The HTTP layer
   * answers 403 to empty alike, so a caller cannot tell an unknown key from a revoked one.
   *
   * <p>Records when the key was last used ({@link ApiKey#lastUsedAt()}), but writes it at most once a minute per
   * key, so that a busy key does not cost a database write per request: the stored time is the first accepted use
   * of the minute, up to a minute behind the latest.
   *
   * @param presentedKey the key as sent, such as the {@code X-API-Key} header's value
   * @return the key's metadata when the key is valid and active, else empty
   * @throws NullPointerException naming {@code presentedKey} when null
   * @throws dev.custintel.core.DataAccessException when the key is not in the cache and the database fails (its
   *     message names the operation, never the key); a failure to record the last use is logged, not thrown
   */
  Optional<ApiKey> verify(String presentedKey);

  /**
   * Whether an active key allows {@code scope} (hierarchically: an admin key allows read). A server uses it at
   * start, such as to refuse to run with no admin key at all.
   *
   * @param scope the scope
   * @return whether some key that is not revoked has that scope or a higher one
   */
  boolean anyActiveWithScope(ApiKeyScope scope);

  /**
   * Stores a key that the operator configured (such as the server's {@code bootstrap-admin-key} setting) as an
   * {@link ApiKeyScope#ADMIN} key, hashed like any other, so that there is a first admin key to create the others
   * with. Stores it only when no active key has {@code ADMIN} and the same key was never stored before: calling
   * this at every start is safe, and a bootstrap key that was revoked is not brought back by a restart (configure
   * another one).
   *
   * <p>The configured key may be a key of this SDK's form ({@link CreatedApiKey#key()}) or any value of 32 to 256
   * visible ASCII characters (no spaces) with at least 8 different characters, such as 32 random bytes in base 64.
   * These checks only turn away obviously weak values such as a short or repeated placeholder; the value should
   * come from a secure random generator.
   *
   * @param name the name to store it under, 1 to 100 characters, such as {@code "bootstrap admin"}
   * @param plaintextKey the configured key
   * @return the stored key's metadata, or empty when it was not stored (an active admin key exists, or this key
   *     was stored before)
   * @throws NullPointerException naming {@code name} or {@code plaintextKey} when null
   * @throws dev.custintel.core.InvalidInputException naming {@code name}, or {@code plaintextKey} when it is too
   *     short, too long, has characters other than visible ASCII or too little variety (the message says which,
   *     never the value)
   */
  Optional<ApiKey> storeBootstrapAdminKey(String name, String plaintextKey);
}
