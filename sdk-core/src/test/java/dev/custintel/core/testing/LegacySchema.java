package dev.custintel.core.testing;

import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;

/**
 * A database as the SDK left it before each module owned its tables (main at dabb0c7): core's history recording
 * versions 1 to 4, with the Slack and affinity tables among core's. The migrations are copies of that commit's,
 * in {@code db/custintel/legacy-v4}, run with that commit's Flyway settings.
 */
public final class LegacySchema {
  /** The legacy layout's table prefix. */
  public static final String PREFIX = "ci_";

  private LegacySchema() {}

  /** Creates the legacy tables (versions 1 to 4) in the database, as the old SDK did on its first start. */
  public static void create(TestDatabase db) {
    Flyway.configure(LegacySchema.class.getClassLoader())
        .dataSource(db.jdbcUrl(), null, null)
        .locations("classpath:db/custintel/legacy-v4")
        .table(PREFIX + "schema_history")
        .placeholders(Map.of("prefix", PREFIX))
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  /**
   * Fills a store over the legacy tables: a generated shop's orders through ingestion, one active model run with
   * every customer's scores, product rules and statistics, and Slack events and ticket links.
   */
  public static void fill(CustintelStore store) {
    ShopGenerator.builder().seed(7L).customers(150).build().generate(500, b -> store.ingestion().ingest(b));
    StoreAccess access = StoreAccess.of(store);
    access.inTransaction("Writing legacy rows", h -> {
      h.execute(access.sql("INSERT INTO {model_runs} (kind, created_at, calibration_end, period_unit, currency,"
          + " customers, watermark_placed_at, watermark_orders, duration_ms, horizon_months, monthly_discount,"
          + " interval_level, params, metrics) VALUES ('clv', TIMESTAMP WITH TIME ZONE '2025-12-31 12:00:00+00',"
          + " DATE '2025-12-31', 'WEEK', 'USD', 0, TIMESTAMP WITH TIME ZONE '2025-12-31 10:00:00+00', 1, 5, 12.0,"
          + " 0.01, 0.9, '{}', '{}')"));
      long run = h.createQuery(access.sql("SELECT MAX(run_id) FROM {model_runs}")).mapTo(Long.class).one();
      int n = h.execute(access.sql("INSERT INTO {customer_scores} (run_id, customer_id, frequency, recency, age,"
          + " monetary_value, p_alive, expected_purchases, expected_spend, ltv, ltv_low, ltv_high, value_at_risk)"
          + " SELECT " + run + ", customer_id, 2, 10.5, 40.25, 33.3333, 0.75, 1.5, 50.0, 123.456789, 100.0,"
          + " 150.0, 30.864197 FROM {customers}"));
      h.execute(access.sql("UPDATE {model_runs} SET customers = " + n + " WHERE run_id = " + run));
      h.execute(access.sql("UPDATE {active_models} SET run_id = " + run
          + ", activated_at = TIMESTAMP WITH TIME ZONE '2025-12-31 12:00:01+00' WHERE kind = 'clv'"));
      h.execute(access.sql("INSERT INTO {product_rules} (run_id, rule_no, antecedent, consequent, antecedent_size,"
          + " consequent_size, baskets, support, confidence, lift, leverage, conviction) VALUES (" + run
          + ", 0, '[\"P1\"]', '[\"P2\"]', 1, 1, 12, 0.012, 0.4, 2.5, 0.0072, NULL)"));
      h.execute(access.sql("INSERT INTO {product_rule_items} (run_id, side, product_id, rule_no) VALUES (" + run
          + ", 'A', 'P1', 0), (" + run + ", 'C', 'P2', 0)"));
      h.execute(access.sql("INSERT INTO {product_stats} (run_id, product_id, baskets, buyers, scored_buyers,"
          + " buyer_ltv_mean) VALUES (" + run + ", 'P1', 30, 25, 25, 140.5), (" + run + ", 'P2', 20, 18, 0, NULL)"));
      h.execute(access.sql("INSERT INTO {processed_slack_events} (event_id, event_type, received_at, expires_at)"
          + " VALUES ('Ev1', 'reaction_added', TIMESTAMP WITH TIME ZONE '2025-12-30 08:00:00+00',"
          + " TIMESTAMP WITH TIME ZONE '2026-01-06 08:00:00+00')"));
      h.execute(access.sql("INSERT INTO {slack_ticket_links} (channel_id, message_ts, thread_ts, status,"
          + " external_id, ticket_id, ticket_url, attempts, last_error, claimed_at, created_at, updated_at,"
          + " linked_at, closed_at) VALUES ('C1', '1700000000.000100', '1700000000.000100', 'LINKED',"
          + " 'slack:C1:1700000000.000100', 4242, 'https://shop.gorgias.com/app/ticket/4242', 1, NULL,"
          + " TIMESTAMP WITH TIME ZONE '2025-12-30 08:00:01+00', TIMESTAMP WITH TIME ZONE '2025-12-30 08:00:01+00',"
          + " TIMESTAMP WITH TIME ZONE '2025-12-30 08:00:02+00', TIMESTAMP WITH TIME ZONE '2025-12-30 08:00:02+00',"
          + " NULL)"));
      return null;
    });
  }

  /**
   * @return every row of every table with the legacy prefix except the schema histories, by table name, each
   *     row as its columns' text, rows sorted
   */
  public static Map<String, List<String>> dump(CustintelStore store) {
    return StoreAccess.of(store).read("Dumping the tables", h -> {
      Map<String, List<String>> out = new TreeMap<>();
      for (String table : tables(h)) {
        if (table.endsWith("schema_history")) {
          continue;
        }
        List<String> rows = new ArrayList<>();
        try (Statement st = h.getConnection().createStatement();
            ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              row.append(meta.getColumnName(c).toLowerCase()).append('=').append(rs.getString(c)).append('|');
            }
            rows.add(row.toString());
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        rows.sort(null);
        out.put(table, rows);
      }
      return out;
    });
  }

  /** @return the names of the tables with the legacy prefix, lower case */
  public static List<String> tables(Handle h) {
    List<String> names = new ArrayList<>();
    try {
      Connection c = h.getConnection();
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME").toLowerCase();
          if (name.startsWith(PREFIX)) {
            names.add(name);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    names.sort(null);
    return names;
  }

  /**
   * @param history a schema history table's name
   * @return its successful versions in order of installation, baselines included ({@code <<Flyway Baseline>>}
   *     rows keep their version); empty when the table does not exist
   */
  public static List<String> versions(CustintelStore store, String history) {
    return StoreAccess.of(store).read("Reading " + history, h -> {
      if (!tables(h).contains(history)) {
        return List.of();
      }
      return h.createQuery("SELECT \"version\" FROM \"" + history + "\" WHERE \"success\" = TRUE"
              + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")
          .mapTo(String.class)
          .list();
    });
  }
}
