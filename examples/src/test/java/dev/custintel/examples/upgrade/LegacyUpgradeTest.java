package dev.custintel.examples.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.LegacySchema;
import dev.custintel.core.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database written before each module owned its tables, opened by the whole SDK (every module on the class
 * path): the modules adopt their tables without re-creating them, nothing is lost, and a new model run writes into
 * the adopted affinity tables. Core's own check of rows and profiles is {@code LegacyMigrationTest}.
 */
class LegacyUpgradeTest {


  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void facade_onLegacyDatabase_adoptsModuleTablesAndRunsOnThem(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get()) {
      LegacySchema.create(db);
      Map<String, List<String>> before;
      try (CustintelStore legacy = db.configure(CustintelStore.builder()).migrateOnStart(false).build()) {
        LegacySchema.fill(legacy);
        before = LegacySchema.dump(legacy);
      }
      try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db.jdbcUrl()).build()) {
        CustintelStore store = ci.store();
        assertThat(asBefore(LegacySchema.dump(store))).isEqualTo(before);
        // The event log starts empty, its counter at 0 with no baseline run yet.
        assertThat(LegacySchema.dump(store).get("ci_events")).isEmpty();
        assertThat(LegacySchema.dump(store).get("ci_event_counter"))
            .containsExactly("id=1|last_id=0|baseline_run_id=null|");
        assertThat(LegacySchema.versions(store, "ci_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        // Adopted at 1; the segment memberships (V2) and events (V3) run on the adopted tables.
        assertThat(LegacySchema.versions(store, "ci_analytics_schema_history"))
            .containsExactly("1", "2", "3", "4", "5");
        // Adopted at 1; the durable Slack work (V2) runs on the adopted tables.
        assertThat(LegacySchema.versions(store, "ci_integrations_schema_history")).containsExactly("1", "2");

        ModelRun run = ci.models().refresh();
        assertThat(run.data().customers()).isEqualTo(150);
        StoreAccess access = StoreAccess.of(store);
        long rules = access.read("Counting rules", h -> h.createQuery(access.sql(
            "SELECT COUNT(*) FROM {product_rules} WHERE run_id = " + run.id())).mapTo(Long.class).one());
        assertThat(rules).isEqualTo(run.affinity().rules());
        // The legacy run's rows are still there beside the new run's.
        assertThat(LegacySchema.dump(store).get("ci_product_stats")).containsAll(before.get("ci_product_stats"));
        assertThat(asBefore(LegacySchema.dump(store)).get("ci_slack_ticket_links"))
            .isEqualTo(before.get("ci_slack_ticket_links"));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void facade_onFreshDatabase_everyModuleHasItsOwnHistory(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get();
        CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db.jdbcUrl()).build()) {
      CustintelStore store = ci.store();
      assertThat(LegacySchema.versions(store, "ci_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
      // Core's tables are there by then, so Flyway baselines each module at 0 before running its version 1.
      assertThat(LegacySchema.versions(store, "ci_analytics_schema_history"))
          .containsExactly("0", "1", "2", "3", "4", "5");
      assertThat(LegacySchema.versions(store, "ci_integrations_schema_history")).containsExactly("0", "1", "2");
      assertThat(LegacySchema.dump(store)).containsKeys("ci_product_rules", "ci_slack_ticket_links");
    }
  }

  /**
   * The dump without what later migrations added: core V3's API keys table (empty), analytics V2's segment
   * tables (empty until a model run), integrations V2's tables (empty on an adopted database) and the link columns it added (null on
   * the legacy rows).
   */
  private static Map<String, List<String>> asBefore(Map<String, List<String>> dump) {
    Map<String, List<String>> out = new TreeMap<>(dump);
    assertThat(out.remove("ci_api_keys")).isEmpty();
    assertThat(out.remove("ci_sync_status")).isEmpty();
    out.remove("ci_segment_runs"); // empty until a model run stores memberships
    out.remove("ci_segment_memberships");
    out.remove("ci_events"); // new in analytics V3: checked in the test before the first model run
    out.remove("ci_event_counter");
    out.remove("ci_event_states");
    assertThat(out.remove("ci_rescore_log")).isEmpty(); // analytics V4: filled by re-scoring after ingestion
    assertThat(out.remove("ci_changed_customers")).isEmpty(); // core V8: emptied by re-scoring
    assertThat(out.remove("ci_experiments")).isEmpty(); // analytics V5: experiments and their exposures
    assertThat(out.remove("ci_experiment_arms")).isEmpty();
    assertThat(out.remove("ci_experiment_exposures")).isEmpty();
    assertThat(out.remove("ci_slack_work")).isEmpty();
    assertThat(out.remove("ci_slack_messages")).isEmpty();
    out.computeIfPresent("ci_slack_ticket_links", (table, rows) -> rows.stream()
        .map(r -> r.replace("claimed_by=null|closed_by=null|", "")).toList());
    return out;
  }
}
