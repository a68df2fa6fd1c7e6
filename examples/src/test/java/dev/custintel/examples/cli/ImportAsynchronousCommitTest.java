package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code import --asynchronous-commit}: on PostgreSQL each of the import's transactions runs with
 * {@code synchronous_commit = off} (a trigger on the orders table records the setting every insert saw), and only
 * that import's; on H2 the option is accepted and changes nothing. Either way the orders are stored as without it.
 */
class ImportAsynchronousCommitTest extends CliDatabaseFixture {

  @Test
  void theOptionReachesEachTransactionOfThatImportOnly() throws Exception {
    Path first = orders("first.csv", 0, 30);
    Path second = orders("second.csv", 30, 60);
    Path third = orders("third.csv", 60, 90);

    CliRun creating = CliRun.run("import", "--db", db(), "--format", "orders-csv", first.toString());
    assertThat(creating.exitCode()).as(creating.toString()).isZero();
    boolean postgres = databaseName.equals("postgresql");
    if (postgres) {
      sql("CREATE TABLE commit_modes (seen_at bigserial, mode text)",
          "CREATE FUNCTION record_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " INSERT INTO commit_modes (mode) VALUES (current_setting('synchronous_commit')); RETURN NULL; END $$",
          "CREATE TRIGGER orders_commit_mode AFTER INSERT ON ci_orders"
              + " FOR EACH STATEMENT EXECUTE FUNCTION record_commit_mode()");
    }

    CliRun asynchronous = CliRun.run("import", "--db", db(), "--format", "orders-csv", "--batch-size", "10",
        "--asynchronous-commit", second.toString());
    List<String> afterAsynchronous = postgres ? modes() : List.of();
    CliRun synchronous = CliRun.run("import", "--db", db(), "--format", "orders-csv", "--batch-size", "10",
        third.toString());

    assertThat(asynchronous.exitCode()).as(asynchronous.toString()).isZero();
    assertThat(synchronous.exitCode()).as(synchronous.toString()).isZero();
    JsonNode summary = asynchronous.json();
    assertThat(summary.get("ordersWritten").asLong()).isEqualTo(30);
    assertThat(synchronous.json().get("ordersWritten").asLong()).isEqualTo(30);
    if (postgres) {
      // Three batches of 10 orders, each its own transaction: every one ran with the setting off.
      assertThat(afterAsynchronous).hasSize(3).containsOnly("off");
      List<String> all = modes();
      assertThat(all.subList(3, all.size())).hasSize(3).containsOnly("on");
    }
    CliRun profile = CliRun.run("profile", "--db", db(), "C-3");
    assertThat(profile.exitCode()).as(profile.toString()).isZero();
    // C-3 bought in every file: orders 3, 13, ..., 83, each 2 x 1.50.
    assertThat(profile.json().get("totalSpent").get("amount").asText()).isEqualTo("27.00");
  }

  private Path orders(String name, int from, int to) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency");
    for (int i = from; i < to; i++) {
      lines.add("A-" + i + ",C-" + (i % 10) + ",2024-01-" + String.format(java.util.Locale.ROOT, "%02d", 1 + i % 28) + ",P-1,2,1.50,EUR");
    }
    return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
  }

  private void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(db());
        Statement st = c.createStatement()) {
      for (String statement : statements) {
        st.execute(statement);
      }
    }
  }

  private List<String> modes() throws Exception {
    List<String> modes = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT mode FROM commit_modes ORDER BY seen_at")) {
      while (rs.next()) {
        modes.add(rs.getString(1));
      }
    }
    return modes;
  }
}
