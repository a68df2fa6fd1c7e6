package dev.custintel.core.internal.keys;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.internal.store.StoreMetrics;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.internal.store.TransactionRunner;
import dev.custintel.core.keys.ApiKey;
import dev.custintel.core.keys.ApiKeyClient;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.keys.CreatedApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys in table {@code <prefix>api_keys} over Jdbi. Not API: reach it with {@code store.apiKeys()}.
 *
 * <p>The only secret value ever bound to a statement is a key's hash (when storing a key); failures of those
 * statements are reported without it (see {@link #withoutHash}), since drivers and Jdbi quote bound values and
 * violated keys in their messages.
 */
public final class JdbiApiKeyClient implements ApiKeyClient {
  /** A key's last use is written at most this often. */
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  static final int MAX_NAME_LENGTH = 100;
  /** A configured bootstrap key needs at least this many different characters. */
  static final int MIN_DISTINCT_CHARACTERS = 8;

  private static final Logger LOG = LoggerFactory.getLogger(JdbiApiKeyClient.class);
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String COLUMNS = "id, name, scopes, lookup_id, created_at, last_used_at, revoked_at";
  private static final TransactionIsolationLevel READ_COMMITTED = TransactionIsolationLevel.READ_COMMITTED;

  private final TransactionRunner tx;
  private final Tables t;
  private final Clock clock;
  private final StoreMetrics metrics;
  private final VerifiedKeys verified;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param tx the store's transactions
   * @param tables the table names
   * @param clock the store's clock: creation, revocation and last-use times
   * @param metrics the store's meters
   * @param cacheSize accepted keys kept in the cache; 0 disables it
   * @param cacheTtl how long an accepted key is served from the cache
   */
  public JdbiApiKeyClient(TransactionRunner tx, Tables tables, Clock clock, StoreMetrics metrics, long cacheSize,
      Duration cacheTtl) {
    this.tx = tx;
    this.t = tables;
    this.clock = clock;
    this.metrics = metrics;
    this.verified = new VerifiedKeys(cacheSize, cacheTtl, metrics);
  }

  @Override
  public CreatedApiKey create(String name, Set<ApiKeyScope> scopes) {
    checkName(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(scopes, "scopes");
    return metrics.time("apiKeys.create", () -> {
      String key = KeyFormat.generate(random);
      ApiKey apiKey = newKey(name, scopes, Objects.requireNonNull(KeyFormat.lookupId(key)));
      String hash = KeyFormat.hash(key);
      try {
        tx.inTransaction("Creating an API key", READ_COMMITTED, false, h -> insert(h, apiKey, hash));
      } catch (DataAccessException e) {
        throw withoutHash(e, hash);
      }
      LOG.info("Created API key {} ('{}', scopes {})", apiKey.id(), apiKey.name(), ScopesColumn.write(scopes));
      return new CreatedApiKey(apiKey, key);
    });
  }

  private ApiKey newKey(String name, Set<ApiKeyScope> scopes, String lookupId) {
    return new ApiKey(UUID.randomUUID().toString(), name, scopes, lookupId, now(), null, null);
  }

  private int insert(Handle h, ApiKey k, String hash) {
    return h.createUpdate(t.sql("INSERT INTO {api_keys} (id, name, scopes, lookup_id, key_hash, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)"))
        .bind(0, k.id()).bind(1, k.name()).bind(2, ScopesColumn.write(k.scopes())).bind(3, k.lookupId())
        .bind(4, hash).bind(5, odt(k.createdAt()))
        .execute();
  }

  @Override
  public List<ApiKey> list() {
    return metrics.time("apiKeys.list", () -> tx.withHandle("Listing API keys",
        h -> h.createQuery(t.sql("SELECT " + COLUMNS + " FROM {api_keys} ORDER BY created_at, id"))
            .map((rs, ctx) -> apiKey(rs))
            .list()));
  }

  @Override
  public ApiKey get(String id) {
    String checked = checkId(id);
    return metrics.time("apiKeys.get", () -> tx.withHandle("Reading API key " + checked,
        h -> h.createQuery(t.sql("SELECT " + COLUMNS + " FROM {api_keys} WHERE id = ?"))
            .bind(0, checked)
            .map((rs, ctx) -> apiKey(rs))
            .findOne()
            .orElseThrow(() -> notFound(checked))));
  }

  @Override
  public boolean revoke(String id) {
    String checked = checkId(id);
    return metrics.time("apiKeys.revoke", () -> {
      Instant now = now();
      Revocation r = tx.inTransaction("Revoking API key " + checked, READ_COMMITTED, false, h -> {
        Revocation found = h.createQuery(t.sql("SELECT key_hash, revoked_at FROM {api_keys} WHERE id = ?"))
            .bind(0, checked)
            .map((rs, ctx) -> new Revocation(rs.getString(1), false,
                rs.getObject(2, OffsetDateTime.class) != null))
            .findOne()
            .orElseThrow(() -> notFound(checked));
        if (found.wasRevoked()) {
          return found;
        }
        int changed = h.createUpdate(t.sql("UPDATE {api_keys} SET revoked_at = ? WHERE id = ?"
                + " AND revoked_at IS NULL"))
            .bind(0, odt(now)).bind(1, checked)
            .execute();
        return new Revocation(found.hash(), changed == 1, changed == 0);
      });
      // After the commit: a verify from now on reads the database, which has the key revoked.
      verified.invalidate(r.hash());
      if (r.revokedNow()) {
        LOG.info("Revoked API key {}", checked);
      }
      return r.revokedNow();
    });
  }

  /** A key's hash, whether this call revoked it, and whether it was revoked before. */
  private record Revocation(String hash, boolean revokedNow, boolean wasRevoked) {
    @Override
    public String toString() {
      return "Revocation[revokedNow=" + revokedNow + ", wasRevoked=" + wasRevoked + "]";
    }
  }

  @Override
  public Optional<ApiKey> verify(String presentedKey) {
    Objects.requireNonNull(presentedKey, "presentedKey");
    return metrics.time("apiKeys.verify", () -> {
      String lookupId = KeyFormat.lookupId(presentedKey);
      if (lookupId == null) {
        return Optional.empty();
      }
      String hash = KeyFormat.hash(presentedKey);
      VerifiedKeys.Entry entry = verified.get(hash, h -> load(lookupId, h));
      // The cache found the entry by its hash already; the comparison in constant time is what decides.
      if (entry == null || !sameHash(entry.hash(), hash)) {
        return Optional.empty();
      }
      touch(entry);
      return Optional.of(entry.key());
    });
  }

  /** @return the active key with that lookup id and hash, or null */
  private VerifiedKeys.@Nullable Entry load(String lookupId, String hash) {
    List<Stored> candidates = tx.withHandle("Verifying an API key",
        h -> h.createQuery(t.sql("SELECT " + COLUMNS + ", key_hash FROM {api_keys}"
                + " WHERE lookup_id = ? AND revoked_at IS NULL"))
            .bind(0, lookupId)
            .map((rs, ctx) -> new Stored(apiKey(rs), rs.getString("key_hash")))
            .list());
    VerifiedKeys.Entry match = null;
    for (Stored s : candidates) {
      if (sameHash(s.hash(), hash)) {
        match = new VerifiedKeys.Entry(s.key(), s.hash());
      }
    }
    return match;
  }

  /** A stored key with its hash. */
  private record Stored(ApiKey key, String hash) {
    @Override
    public String toString() {
      return "Stored[key=" + key + "]";
    }
  }

  private static boolean sameHash(String stored, String presented) {
    return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Records the use, at most once a {@link #TOUCH_INTERVAL} per key: in this process by the entry, and across
   * processes by the statement's condition. A failure to write it does not refuse the key.
   */
  private void touch(VerifiedKeys.Entry entry) {
    Instant now = now();
    if (!entry.claimTouch(now, TOUCH_INTERVAL)) {
      return;
    }
    try {
      tx.withWriteHandle("Recording the use of API key " + entry.id(),
          h -> h.createUpdate(t.sql("UPDATE {api_keys} SET last_used_at = ? WHERE id = ?"
                  + " AND (last_used_at IS NULL OR last_used_at <= ?)"))
              .bind(0, odt(now)).bind(1, entry.id()).bind(2, odt(now.minus(TOUCH_INTERVAL)))
              .execute());
    } catch (DataAccessException e) {
      LOG.warn("Could not record the last use of API key {}: {}", entry.id(), e.getMessage());
    }
  }

  @Override
  public boolean anyActiveWithScope(ApiKeyScope scope) {
    Objects.requireNonNull(scope, "scope");
    return tx.withHandle("Reading API key scopes", h -> anyActiveWithScope(h, scope));
  }

  private boolean anyActiveWithScope(Handle h, ApiKeyScope scope) {
    List<Set<ApiKeyScope>> active = h.createQuery(t.sql("SELECT id, scopes FROM {api_keys} WHERE revoked_at IS NULL"))
        .map((rs, ctx) -> ScopesColumn.read(rs.getString(2), rs.getString(1)))
        .list();
    for (Set<ApiKeyScope> scopes : active) {
      for (ApiKeyScope s : scopes) {
        if (s.allows(scope)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Optional<ApiKey> storeBootstrapAdminKey(String name, String plaintextKey) {
    checkName(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(plaintextKey, "plaintextKey");
    checkBootstrapKey(plaintextKey);
    String lookupId = Objects.requireNonNull(KeyFormat.lookupId(plaintextKey));
    String hash = KeyFormat.hash(plaintextKey);
    ApiKey apiKey = newKey(name, Set.of(ApiKeyScope.ADMIN), lookupId);
    Bootstrap outcome;
    try {
      outcome = tx.inTransaction("Storing the bootstrap admin key", READ_COMMITTED, false, h -> {
        List<Stored> same = h.createQuery(t.sql("SELECT " + COLUMNS + ", key_hash FROM {api_keys}"
                + " WHERE lookup_id = ?"))
            .bind(0, lookupId)
            .map((rs, ctx) -> new Stored(apiKey(rs), rs.getString("key_hash")))
            .list();
        for (Stored s : same) {
          if (sameHash(s.hash(), hash)) {
            return new Bootstrap(null, s.key());
          }
        }
        if (anyActiveWithScope(h, ApiKeyScope.ADMIN)) {
          return new Bootstrap(null, null);
        }
        insert(h, apiKey, hash);
        return new Bootstrap(apiKey, null);
      });
    } catch (DataAccessException e) {
      if (TransactionRunner.isDuplicateKey(e)) {
        // Another process stored the same key at the same moment.
        return Optional.empty();
      }
      throw withoutHash(e, hash);
    }
    ApiKey before = outcome.storedBefore();
    if (before != null && !before.active()) {
      LOG.warn("The configured bootstrap admin key is API key {}, revoked at {}: it is not stored again. Configure"
          + " another bootstrap key if no admin key is left.", before.id(), before.revokedAt());
    }
    if (outcome.stored() != null) {
      LOG.info("Stored the configured bootstrap admin key as API key {} ('{}')", apiKey.id(), apiKey.name());
    }
    return Optional.ofNullable(outcome.stored());
  }

  /** What storing the bootstrap key did: stored it, found it stored before, or neither (an admin key exists). */
  private record Bootstrap(@Nullable ApiKey stored, @Nullable ApiKey storedBefore) {}

  private static void checkBootstrapKey(String key) {
    if (key.length() < KeyFormat.MIN_LENGTH) {
      throw InvalidInputException.argument("plaintextKey", "must be at least " + KeyFormat.MIN_LENGTH
          + " characters long (was " + key.length() + "): use a value from a secure random generator, such as 32"
          + " random bytes in base 64");
    }
    if (key.length() > KeyFormat.MAX_LENGTH) {
      throw InvalidInputException.argument("plaintextKey",
          "must be at most " + KeyFormat.MAX_LENGTH + " characters long (was " + key.length() + ")");
    }
    if (!KeyFormat.visibleAscii(key)) {
      throw InvalidInputException.argument("plaintextKey",
          "must consist of visible ASCII characters only: no spaces, control or non-ASCII characters");
    }
    long distinct = key.chars().distinct().count();
    if (distinct < MIN_DISTINCT_CHARACTERS) {
      throw InvalidInputException.argument("plaintextKey", "has too little variety (" + distinct
          + " different characters, at least " + MIN_DISTINCT_CHARACTERS + " needed): use a value from a secure"
          + " random generator, such as 32 random bytes in base 64");
    }
  }

  private static void checkName(String name) {
    Checks.text(name, "name", MAX_NAME_LENGTH);
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw InvalidInputException.argument("name",
            "must not contain control characters such as line breaks (at position " + (i + 1) + ")");
      }
    }
  }

  /** The value is not quoted: a key pasted where an id belongs must not reach a message. */
  private static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    String lower = id.toLowerCase(Locale.ROOT);
    if (!ID.matcher(lower).matches()) {
      throw InvalidInputException.argument("id", "is not an API key id: ids are UUIDs such as"
          + " 0f8fad5b-d9cb-469f-a165-70867728950e, as list() shows (the value given is not repeated here, in case"
          + " it is a key)");
    }
    return lower;
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("API key", id,
        "No API key with id '" + id + "' in the store. list() shows the stored keys and their ids.");
  }

  private ApiKey apiKey(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    return new ApiKey(id, rs.getString("name"), ScopesColumn.read(rs.getString("scopes"), id),
        rs.getString("lookup_id"), Objects.requireNonNull(instant(rs.getObject("created_at", OffsetDateTime.class))),
        instant(rs.getObject("last_used_at", OffsetDateTime.class)),
        instant(rs.getObject("revoked_at", OffsetDateTime.class)));
  }

  private Instant now() {
    // Both databases keep microseconds: what is returned is what a later read gives.
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime odt(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime odt) {
    return odt == null ? null : odt.toInstant();
  }

  /**
   * The failure of a statement that had the hash bound, without the hash: Jdbi quotes bound values in its
   * messages, and a database quotes the values of a violated unique key.
   */
  static DataAccessException withoutHash(DataAccessException e, String hash) {
    boolean quoted = false;
    for (Throwable c = e; c != null && !quoted; c = c.getCause() == c ? null : c.getCause()) {
      quoted = String.valueOf(c.getMessage()).contains(hash);
      if (c instanceof SQLException sql) {
        for (SQLException next = sql.getNextException(); next != null && !quoted; next = next.getNextException()) {
          quoted = String.valueOf(next.getMessage()).contains(hash);
        }
      }
    }
    if (!quoted) {
      return e;
    }
    String message = String.valueOf(e.getMessage()).replace(hash, "***");
    Throwable cause = copyWithout(e.getCause(), hash);
    DataAccessException copy = new DataAccessException(message, cause != null ? cause : new SQLException(message));
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /** The cause chain as SQL exceptions with the hash masked in their messages, SQL states and stack traces kept. */
  private static @Nullable Throwable copyWithout(@Nullable Throwable failure, String hash) {
    if (failure == null) {
      return null;
    }
    Throwable cause = failure.getCause();
    SQLException copy = new SQLException(
        failure.getClass().getName() + ": " + String.valueOf(failure.getMessage()).replace(hash, "***"),
        failure instanceof SQLException sql ? sql.getSQLState() : null,
        cause == failure ? null : copyWithout(cause, hash));
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }
}
