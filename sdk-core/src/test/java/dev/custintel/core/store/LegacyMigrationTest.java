package dev.custintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.DataAccessException;

import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.LegacySchema;
import dev.custintel.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database written by the SDK before each module owned its tables migrates forward with nothing lost: every row
 * of every table and every customer's profile are the same after the upgrade, and the affinity and Slack versions
 * move from core's history to their modules'. Only core is on this module's class path, so the modules' own
 * migrations do not run here (examples' {@code LegacyUpgradeTest} runs them too).
 */
class LegacyMigrationTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC);


  private static CustintelStore open(TestDatabase db, boolean migrate) {
    return db.configure(CustintelStore.builder()).clock(CLOCK).profileCache(0, java.time.Duration.ofMinutes(1))
        .migrateOnStart(migrate).build();
  }

  private static List<CustomerProfile> profiles(CustintelStore store) {
    List<CustomerProfile> out = new ArrayList<>();
    for (var summary : store.customers().query(CustomerQuery.builder().limit(1000).build()).items()) {
      out.add(store.customers().profile(summary.customerId()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void upgrade_legacyDatabase_keepsEveryRowAndProfileAndMovesVersions(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get()) {
      LegacySchema.create(db);
      Map<String, List<String>> before;
      List<CustomerProfile> profilesBefore;
      try (CustintelStore legacy = open(db, false)) {
        LegacySchema.fill(legacy);
        before = LegacySchema.dump(legacy);
        profilesBefore = profiles(legacy);
        assertThat(LegacySchema.versions(legacy, "ci_schema_history")).containsExactly("1", "2", "3", "4");
      }
      assertThat(before.get("ci_orders")).hasSizeGreaterThan(100);
      assertThat(before.get("ci_slack_ticket_links")).hasSize(1);
      assertThat(profilesBefore).hasSize(150).allSatisfy(p -> assertThat(p.scores()).isNotNull());

      try (CustintelStore upgraded = open(db, true)) {
        assertThat(withoutApiKeys(LegacySchema.dump(upgraded))).isEqualTo(before);
        assertThat(profiles(upgraded)).isEqualTo(profilesBefore);
        // Core's own V3 (API keys) and V4 (sync status) run once the legacy 3 (affinity) and 4 (Slack) moved out.
        assertThat(LegacySchema.versions(upgraded, "ci_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(LegacySchema.versions(upgraded, "ci_analytics_schema_history")).containsExactly("1");
        assertThat(LegacySchema.versions(upgraded, "ci_integrations_schema_history")).containsExactly("1");
      }
      // A second start finds nothing to do.
      try (CustintelStore again = open(db, true)) {
        assertThat(withoutApiKeys(LegacySchema.dump(again))).isEqualTo(before);
        assertThat(LegacySchema.versions(again, "ci_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(LegacySchema.versions(again, "ci_analytics_schema_history")).containsExactly("1");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void upgrade_interruptedAfterTheBaseline_finishesOnTheNextStart(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get()) {
      LegacySchema.create(db);
      try (CustintelStore legacy = open(db, false)) {
        LegacySchema.fill(legacy);
        // As if the process died after adopting the affinity tables but before removing core's version 3:
        StoreAccess access = StoreAccess.of(legacy);
        access.read("Baselining", h -> h.execute("CREATE TABLE \"ci_analytics_schema_history\" AS SELECT * FROM"
            + " \"ci_schema_history\" WHERE 1 = 0"));
        access.read("Baselining", h -> h.execute("INSERT INTO \"ci_analytics_schema_history\" SELECT"
            + " \"installed_rank\", '1', 'adopted', 'BASELINE', 'adopted', NULL, \"installed_by\","
            + " \"installed_on\", 0, TRUE FROM \"ci_schema_history\" WHERE \"version\" = '3'"));
      }
      try (CustintelStore upgraded = open(db, true)) {
        assertThat(LegacySchema.versions(upgraded, "ci_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(LegacySchema.versions(upgraded, "ci_analytics_schema_history")).containsExactly("1");
        assertThat(upgraded.customers().count()).isEqualTo(150);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void upgrade_withTheSmallPoolTheCliUses_doesNotStarveFlyway(String name, Supplier<TestDatabase> database) {
    // The CLI's read commands open a pool of 2: adopting the legacy versions must not hold a connection while
    // Flyway needs its own (it did, and the upgrade timed out after 30 s waiting for the pool).
    try (TestDatabase db = database.get()) {
      LegacySchema.create(db);
      try (CustintelStore legacy = open(db, false)) {
        LegacySchema.fill(legacy);
      }
      try (CustintelStore upgraded = db.configure(CustintelStore.builder()).clock(CLOCK).maximumPoolSize(2)
          .build()) {
        assertThat(LegacySchema.versions(upgraded, "ci_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(LegacySchema.versions(upgraded, "ci_integrations_schema_history")).containsExactly("1");
        assertThat(upgraded.customers().count()).isEqualTo(150);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void freshDatabase_coreHistoryHoldsOnlyCoreVersions(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get()) {
      try (CustintelStore store = open(db, true)) {
        assertThat(LegacySchema.versions(store, "ci_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        // No module is on core's class path: their histories are not created.
        assertThat(LegacySchema.versions(store, "ci_analytics_schema_history")).isEmpty();
        store.apiKeys().create("kept", java.util.Set.of(dev.custintel.core.keys.ApiKeyScope.READ));
      }
      // Core's version 3 is its own (API keys), not the legacy affinity one: the next start leaves it alone.
      try (CustintelStore again = open(db, true)) {
        assertThat(LegacySchema.versions(again, "ci_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(LegacySchema.versions(again, "ci_analytics_schema_history")).isEmpty();
        assertThat(again.apiKeys().list()).extracting(k -> k.name()).containsExactly("kept");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void coreHistory_version3NeitherLegacyNorCore_refusedWithAMessage(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get()) {
      try (CustintelStore store = open(db, true)) {
        StoreAccess access = StoreAccess.of(store);
        access.inTransaction("Editing the history", h -> h.execute("UPDATE \"ci_schema_history\" SET"
            + " \"description\" = 'something else', \"script\" = 'V3__something_else.sql' WHERE \"version\" = '3'"));
      }
      assertThatThrownBy(() -> open(db, true)).isInstanceOf(DataAccessException.class)
          .hasMessageContaining("'something else'").hasMessageContaining("repair it before upgrading");
    }
  }

  /** The dump without the tables later core versions add (empty) to an upgraded database: API keys, sync, changes. */
  private static Map<String, List<String>> withoutApiKeys(Map<String, List<String>> dump) {
    Map<String, List<String>> out = new java.util.TreeMap<>(dump);
    assertThat(out.remove("ci_api_keys")).isEmpty();
    assertThat(out.remove("ci_sync_status")).isEmpty();
    assertThat(out.remove("ci_changed_customers")).isEmpty(); // core V8: rows only while re-scoring is on
    return out;
  }
}
