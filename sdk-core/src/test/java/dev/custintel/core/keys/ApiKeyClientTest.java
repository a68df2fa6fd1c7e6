package dev.custintel.core.keys;

import static dev.custintel.core.keys.ApiKeyScope.ADMIN;
import static dev.custintel.core.keys.ApiKeyScope.READ;
import static dev.custintel.core.keys.ApiKeyScope.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.OnBothStores;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** API keys on H2 and PostgreSQL: create, verify, revoke, list, the stored form, last use, bootstrap. */
class ApiKeyClientTest extends OnBothStores {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456Z");
  private static final Pattern FORM = Pattern.compile("ci_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}");
  /** Such as 32 random bytes in base 64, as an operator would configure a bootstrap key. */
  private static final String CONFIGURED = "q5Yv2o+3kJ8t/WcXr9zP1LmN0bH7sDfA6gE4uIyTeR0=";

  private final MutableClock clock = new MutableClock(T0);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Override
  protected CustintelStore.Builder configure(CustintelStore.Builder builder) {
    return builder.clock(clock).meterRegistry(registry);
  }

  private ApiKeyClient keys() {
    return store.apiKeys();
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void create_thenVerify_returnsTheKeysMetadata() {
    CreatedApiKey created = keys().create("reporting dashboard", Set.of(READ, WRITE));

    assertThat(created.key()).matches(FORM);
    ApiKey k = created.apiKey();
    assertThat(k.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(k.name()).isEqualTo("reporting dashboard");
    assertThat(k.scopes()).containsExactly(READ, WRITE);
    assertThat(k.lookupId()).isEqualTo(created.key().substring(3, 11));
    assertThat(k.createdAt()).isEqualTo(T0);
    assertThat(k.lastUsedAt()).isNull();
    assertThat(k.revokedAt()).isNull();
    assertThat(keys().get(k.id())).isEqualTo(k);

    clock.advance(Duration.ofSeconds(5));
    Optional<ApiKey> verified = keys().verify(created.key());

    assertThat(verified).isPresent();
    assertThat(verified.get().id()).isEqualTo(k.id());
    assertThat(verified.get().scopes()).containsExactly(READ, WRITE);
    assertThat(verified.get().lastUsedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(verified.get().allows(WRITE)).isTrue();
    assertThat(verified.get().allows(ADMIN)).isFalse();
  }

  @Test
  void verify_wrongTamperedUnknownOrMalformed_isEmpty() {
    String key = keys().create("one", Set.of(READ)).key();
    String other = keys().create("two", Set.of(ADMIN)).key();
    String lookup = key.substring(3, 11);
    String secret = key.substring(12);
    char last = secret.charAt(secret.length() - 1);
    List<String> invalid = new ArrayList<>(List.of(
        // the right lookup id with another key's secret, and with one character of the secret changed
        "ci_" + lookup + "_" + other.substring(12),
        "ci_" + lookup + "_" + secret.substring(0, 42) + (last == 'a' ? 'b' : 'a'),
        "ci_" + lookup + "_" + (secret.charAt(0) == 'Z' ? 'Y' : 'Z') + secret.substring(1),
        // an unknown lookup id with the right secret
        "ci_" + (lookup.charAt(0) == 'x' ? 'y' : 'x') + lookup.substring(1) + "_" + secret,
        // malformed
        "", " ", "ci_", "ci_" + lookup, "ci_" + lookup + "_", key.substring(0, 54), key + "x", key + " ",
        " " + key, key + "\n", key.toUpperCase(), key.toLowerCase(), key.replace('_', '-'), secret,
        "Bearer " + key, "x".repeat(10_000), "ключ".repeat(20), "\u0000".repeat(55), "null"));
    for (String presented : invalid) {
      assertThat(keys().verify(presented)).as("'%s'", presented).isEmpty();
    }
    assertThatThrownBy(() -> keys().verify(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("presentedKey");
    // The right keys still verify.
    assertThat(keys().verify(key)).isPresent();
    assertThat(keys().verify(other)).isPresent();
  }

  @Test
  void revoke_verifyRefusedAtOnceThroughTheSameClient_andIdempotent() {
    CreatedApiKey created = keys().create("ci job", Set.of(WRITE));
    assertThat(keys().verify(created.key())).isPresent(); // now in the cache
    clock.advance(Duration.ofMinutes(3));

    assertThat(keys().revoke(created.apiKey().id())).isTrue();

    assertThat(keys().verify(created.key())).isEmpty();
    ApiKey revoked = keys().get(created.apiKey().id());
    assertThat(revoked.revokedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    assertThat(revoked.active()).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(keys().revoke(created.apiKey().id())).isFalse();
    assertThat(keys().get(created.apiKey().id()).revokedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    assertThat(keys().verify(created.key())).isEmpty();
    // An upper-case id is the same id.
    assertThat(keys().revoke(created.apiKey().id().toUpperCase())).isFalse();
  }

  @Test
  void revoke_unknownOrMalformedId_notFoundOrInvalidWithoutEchoingTheValue() {
    CreatedApiKey created = keys().create("one", Set.of(READ));
    String unknown = "0f8fad5b-d9cb-469f-a165-70867728950e";

    assertThatThrownBy(() -> keys().revoke(unknown)).isInstanceOf(NotFoundException.class)
        .hasMessageContaining(unknown)
        .satisfies(e -> assertThat(((NotFoundException) e).id()).isEqualTo(unknown));
    assertThatThrownBy(() -> keys().get(unknown)).isInstanceOf(NotFoundException.class);
    // A key pasted where an id belongs is refused without being repeated.
    for (String notAnId : List.of(created.key(), "", "42", unknown + "0")) {
      Throwable thrown = catchThrowable(() -> keys().revoke(notAnId));
      assertThat(thrown).isInstanceOf(InvalidInputException.class);
      assertThat(((InvalidInputException) thrown).field()).isEqualTo("id");
      assertThat(thrown.getMessage()).doesNotContain(created.key()).doesNotContain(created.key().substring(12));
      assertThat(catchThrowable(() -> keys().get(notAnId))).isInstanceOf(InvalidInputException.class);
    }
    assertThatThrownBy(() -> keys().revoke(null)).isInstanceOf(NullPointerException.class).hasMessage("id");
    assertThat(keys().verify(created.key())).isPresent();
  }

  @Test
  void revokeThroughAnotherStore_refusedOnceTheCacheEntryExpires() throws InterruptedException {
    CreatedApiKey created = keys().create("shared", Set.of(READ));
    try (CustintelStore longCache = db.configure(CustintelStore.builder()).clock(clock).build();
        CustintelStore shortCache = db.configure(CustintelStore.builder()).clock(clock)
            .apiKeyCache(100, Duration.ofMillis(200)).build();
        CustintelStore noCache = db.configure(CustintelStore.builder()).clock(clock)
            .apiKeyCache(0, Duration.ofSeconds(1)).build()) {
      assertThat(longCache.apiKeys().verify(created.key())).isPresent();
      assertThat(shortCache.apiKeys().verify(created.key())).isPresent();
      assertThat(noCache.apiKeys().verify(created.key())).isPresent();

      keys().revoke(created.apiKey().id());

      assertThat(keys().verify(created.key())).isEmpty();
      assertThat(noCache.apiKeys().verify(created.key())).isEmpty();
      // The documented cost of the cache: another client accepts the key until its entry expires (10 s).
      assertThat(longCache.apiKeys().verify(created.key())).isPresent();
      Thread.sleep(300);
      assertThat(shortCache.apiKeys().verify(created.key())).isEmpty();
    }
  }

  @Test
  void verify_manyTimesFromManyThreads_readsTheDatabaseOnce() throws Exception {
    String key = keys().create("busy", Set.of(READ)).key();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 1_000; i++) {
            ok += keys().verify(key).isPresent() ? 1 : 0;
          }
          return ok;
        }));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(1_000);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cacheGets("miss")).isEqualTo(1.0);
    assertThat(cacheGets("hit")).isEqualTo(7_999.0);
  }

  private double cacheGets(String result) {
    FunctionCounter c = registry.find("custintel.cache.gets").tag("cache", "api-keys").tag("result", result)
        .functionCounter();
    assertThat(c).as("custintel.cache.gets{cache=api-keys,result=%s}", result).isNotNull();
    return c.count();
  }

  @Test
  void anyActiveWithScope_followsTheHierarchyAndRevocation() {
    assertThat(List.of(READ, WRITE, ADMIN)).map(keys()::anyActiveWithScope).containsExactly(false, false, false);
    keys().create("reader", Set.of(READ));
    assertThat(List.of(READ, WRITE, ADMIN)).map(keys()::anyActiveWithScope).containsExactly(true, false, false);
    CreatedApiKey admin = keys().create("admin", Set.of(ADMIN));
    assertThat(List.of(READ, WRITE, ADMIN)).map(keys()::anyActiveWithScope).containsExactly(true, true, true);
    keys().revoke(admin.apiKey().id());
    assertThat(List.of(READ, WRITE, ADMIN)).map(keys()::anyActiveWithScope).containsExactly(true, false, false);
    assertThatThrownBy(() -> keys().anyActiveWithScope(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("scope");
  }

  @Test
  void list_metadataOnlyOldestFirst_neverTheKeyOrItsHash() {
    CreatedApiKey a = keys().create("a", Set.of(READ));
    clock.advance(Duration.ofSeconds(1));
    CreatedApiKey b = keys().create("b", Set.of(WRITE, ADMIN));
    clock.advance(Duration.ofSeconds(1));
    keys().revoke(a.apiKey().id());

    List<ApiKey> listed = keys().list();

    assertThat(listed).extracting(ApiKey::id).containsExactly(a.apiKey().id(), b.apiKey().id());
    assertThat(listed.get(0).revokedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(listed.get(1)).isEqualTo(b.apiKey());
    assertThat(Arrays.stream(ApiKey.class.getRecordComponents()).map(c -> c.getName()))
        .containsExactly("id", "name", "scopes", "lookupId", "createdAt", "lastUsedAt", "revokedAt");
    for (CreatedApiKey c : List.of(a, b)) {
      String text = listed.toString();
      assertThat(text).doesNotContain(c.key()).doesNotContain(c.key().substring(12))
          .doesNotContain(sha256Hex(c.key()));
      assertThat(c.toString()).doesNotContain(c.key()).doesNotContain(c.key().substring(12));
    }
  }

  @Test
  void table_holdsTheHashAndLookupId_neverTheKey() {
    CreatedApiKey created = keys().create("stored form", Set.of(ADMIN));
    keys().verify(created.key());
    String key = created.key();

    List<Map<String, String>> rows = rows();

    assertThat(rows).hasSize(1);
    Map<String, String> row = rows.get(0);
    assertThat(row.keySet()).containsExactlyInAnyOrder(
        "id", "name", "scopes", "lookup_id", "key_hash", "created_at", "last_used_at", "revoked_at");
    for (Map.Entry<String, String> column : row.entrySet()) {
      assertThat(String.valueOf(column.getValue())).as(column.getKey())
          .doesNotContain(key).doesNotContain(key.substring(12)).doesNotContain(key.substring(12, 30));
    }
    assertThat(row.get("key_hash")).isEqualTo(sha256Hex(key));
    assertThat(row.get("lookup_id")).isEqualTo(key.substring(3, 11));
    assertThat(row.get("scopes")).isEqualTo("admin");
    assertThat(row.get("id")).isEqualTo(created.apiKey().id());
  }

  private List<Map<String, String>> rows() {
    return StoreAccess.of(store).read("Reading api_keys", h -> {
      List<Map<String, String>> out = new ArrayList<>();
      try (Statement st = h.getConnection().createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM " + StoreAccess.of(store).table("api_keys"))) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, String> row = new java.util.HashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnName(c).toLowerCase(), rs.getString(c));
          }
          out.add(row);
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      return out;
    });
  }

  @Test
  void createdKeys_thousandDistinct() {
    Set<String> keysSeen = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      CreatedApiKey c = keys().create("key " + i, Set.of(READ));
      assertThat(c.key()).hasSize(55).matches(FORM);
      keysSeen.add(c.key());
      ids.add(c.apiKey().id());
    }
    assertThat(keysSeen).hasSize(1_000);
    assertThat(ids).hasSize(1_000);
    assertThat(keys().list()).hasSize(1_000);
    assertThat(rows()).extracting(r -> r.get("key_hash")).doesNotHaveDuplicates();
  }

  @Test
  void verify_writesTheLastUseAtMostOnceAMinute() {
    CreatedApiKey created = keys().create("busy", Set.of(READ));
    String id = created.apiKey().id();
    assertThat(keys().get(id).lastUsedAt()).isNull();

    clock.advance(Duration.ofSeconds(5));
    keys().verify(created.key());
    assertThat(keys().get(id).lastUsedAt()).isEqualTo(T0.plusSeconds(5));

    clock.advance(Duration.ofSeconds(40));
    assertThat(keys().verify(created.key()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(keys().get(id).lastUsedAt()).isEqualTo(T0.plusSeconds(5));

    clock.advance(Duration.ofSeconds(20)); // 60 s after the last write
    keys().verify(created.key());
    assertThat(keys().get(id).lastUsedAt()).isEqualTo(T0.plusSeconds(65));

    // Another process that reads the key now does not write again within the minute.
    clock.advance(Duration.ofSeconds(10));
    try (CustintelStore other = db.configure(CustintelStore.builder()).clock(clock).build()) {
      assertThat(other.apiKeys().verify(created.key()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(65));
    }
    assertThat(keys().get(id).lastUsedAt()).isEqualTo(T0.plusSeconds(65));
  }

  @Test
  void create_badNameOrScopes_rejectedNamingTheField() {
    for (String bad : List.of("", "   ", "x".repeat(101), "two\nlines", "nul\u0000")) {
      Throwable thrown = catchThrowable(() -> keys().create(bad, Set.of(READ)));
      assertThat(thrown).as("'%s'", bad).isInstanceOf(InvalidInputException.class);
      assertThat(((InvalidInputException) thrown).field()).isEqualTo("name");
    }
    assertThat(keys().create("x".repeat(100), Set.of(READ)).apiKey().name()).hasSize(100);
    assertThatThrownBy(() -> keys().create("k", Set.of())).isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("scopes");
    assertThatThrownBy(() -> keys().create(null, Set.of(READ))).isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> keys().create("k", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("scopes");
    assertThat(keys().list()).hasSize(1);
  }

  @Test
  void bootstrap_storedOnceWhenNoAdminKey_andNotBroughtBackAfterRevocation() {
    Optional<ApiKey> stored = keys().storeBootstrapAdminKey("bootstrap admin", CONFIGURED);

    assertThat(stored).isPresent();
    assertThat(stored.get().scopes()).containsExactly(ADMIN);
    assertThat(stored.get().name()).isEqualTo("bootstrap admin");
    assertThat(keys().verify(CONFIGURED).map(ApiKey::id)).contains(stored.get().id());
    assertThat(rows()).singleElement().satisfies(row -> {
      assertThat(row.get("key_hash")).isEqualTo(sha256Hex(CONFIGURED));
      assertThat(row.values()).noneMatch(v -> v != null && v.contains(CONFIGURED.substring(0, 20)));
    });
    // Every later start: an admin key exists.
    assertThat(keys().storeBootstrapAdminKey("bootstrap admin", CONFIGURED)).isEmpty();
    assertThat(keys().list()).hasSize(1);

    keys().revoke(stored.get().id());
    assertThat(keys().storeBootstrapAdminKey("bootstrap admin", CONFIGURED)).isEmpty();
    assertThat(keys().verify(CONFIGURED)).isEmpty();
    assertThat(keys().anyActiveWithScope(ADMIN)).isFalse();

    // A new configured key, with no admin key left: stored.
    String another = "Zx8/Qm1+Lr4vNw7kTy2pHs9cBd6fGj3aE0uIoPq5Wn=";
    assertThat(keys().storeBootstrapAdminKey("bootstrap admin 2", another)).isPresent();
    assertThat(keys().verify(another)).isPresent();
  }

  @Test
  void bootstrap_withAnAdminKeyCreated_storesNothing() {
    keys().create("admin", Set.of(ADMIN));
    assertThat(keys().storeBootstrapAdminKey("bootstrap admin", CONFIGURED)).isEmpty();
    assertThat(keys().verify(CONFIGURED)).isEmpty();
    assertThat(keys().list()).hasSize(1);
  }

  @Test
  void bootstrap_keyOfTheSdksForm_usesItsOwnLookupId() {
    String configured = "ci_Boot5trp_" + "Q7w2E9r4T1y6U3i8O5p0A2s7D4f9G6h1J8k3L0z5X2c";
    assertThat(configured).matches(FORM);

    ApiKey stored = keys().storeBootstrapAdminKey("bootstrap", configured).orElseThrow();

    assertThat(stored.lookupId()).isEqualTo("Boot5trp");
    assertThat(keys().verify(configured)).isPresent();
  }

  @Test
  void bootstrap_weakConfiguredKey_rejectedWithoutRepeatingIt() {
    List<String> weak = List.of("short-key", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p", "x".repeat(257),
        "q5Yv2o+3kJ8t/WcXr9zP1LmN0bH7sDfA 6gE4uIyTeR0=", "q5Yv2o+3kJ8t/WcXr9zP1LmN0bH7sDfA6gE4uIyTeR0é",
        "a".repeat(40), "changemechangemechangemechangeme", "12341234123412341234123412341234");
    for (String key : weak) {
      Throwable thrown = catchThrowable(() -> keys().storeBootstrapAdminKey("bootstrap", key));
      assertThat(thrown).as(key).isInstanceOf(InvalidInputException.class);
      assertThat(((InvalidInputException) thrown).field()).isEqualTo("plaintextKey");
      assertThat(thrown.getMessage()).as(key).doesNotContain(key).doesNotContain(key.substring(0, 8));
    }
    assertThat(keys().list()).isEmpty();
    assertThatThrownBy(() -> keys().storeBootstrapAdminKey("bootstrap", null))
        .isInstanceOf(NullPointerException.class).hasMessage("plaintextKey");
    assertThatThrownBy(() -> keys().storeBootstrapAdminKey(null, CONFIGURED))
        .isInstanceOf(NullPointerException.class).hasMessage("name");
    assertThatThrownBy(() -> keys().storeBootstrapAdminKey(" ", CONFIGURED))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("name");
  }

  @Test
  void databaseFailure_whileStoringAKey_reportsNeitherKeyNorHash() {
    StoreAccess access = StoreAccess.of(store);
    access.inTransaction("Adding a check", h -> h.execute(access.sql(
        "ALTER TABLE {api_keys} ADD CONSTRAINT {api_keys}_test_ck CHECK (name <> 'refused')")));

    Throwable bootstrap = catchThrowable(() -> keys().storeBootstrapAdminKey("refused", CONFIGURED));
    Throwable create = catchThrowable(() -> keys().create("refused", Set.of(READ)));

    for (Throwable thrown : List.of(bootstrap, create)) {
      assertThat(thrown).isInstanceOf(DataAccessException.class);
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(CONFIGURED).doesNotContain(sha256Hex(CONFIGURED))
            .doesNotContainPattern("[0-9a-f]{64}");
        assertThat(t.toString()).doesNotContainPattern("[0-9a-f]{64}");
      }
    }
    assertThat(keys().list()).isEmpty();
  }

  @Test
  void closedStore_apiKeysRefused() {
    store.close();
    assertThatThrownBy(() -> store.apiKeys()).isInstanceOf(IllegalStateException.class);
  }
}
