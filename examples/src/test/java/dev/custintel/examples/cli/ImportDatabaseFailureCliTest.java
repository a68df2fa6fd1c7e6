package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, D4 at the command line: the database refuses an order mid-file (a CHECK constraint the test adds
 * refuses customer {@code poison} on file line 2551). Lenient mode used to exit 1 with no summary; strict mode
 * used to leave the batches before the failure written.
 */
class ImportDatabaseFailureCliTest extends CliDatabaseFixture {
  private Path file;

  @BeforeEach
  void prepare() throws IOException, SQLException {
    Path good = dir.resolve("one.csv");
    Files.write(good, List.of("order_id,customer_id,placed_at,product_id,quantity,currency,line_amount",
        "first,c0,2024-01-01T10:00:00Z,p0,1,USD,1.00"), StandardCharsets.UTF_8);
    CliRun created = CliRun.run("import", "--db", db(), "--format", "orders-csv", good.toString());
    assertThat(created.exitCode()).as(created.toString()).isZero();
    try (Connection c = DriverManager.getConnection(db());
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE ci_orders ADD CONSTRAINT ci_orders_test_poison_ck CHECK (customer_id <> 'poison')");
    }
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,placed_at,product_id,quantity,currency,line_amount");
    for (int i = 1; i <= 3_000; i++) {
      lines.add("o" + i + "," + (i == 2_550 ? "poison" : "c" + (i % 700)) + ",2024-01-01T10:00:00Z,p1,1,USD,9.99");
    }
    file = dir.resolve("orders.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  @Test
  void lenientImport_databaseFailsMidFile_exits1WithASummaryOfWhatWasCommitted() throws SQLException {
    CliRun run = CliRun.run("import", "--db", db(), "--format", "orders-csv", "--batch-size", "100",
        file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.FAILED);
    JsonNode summary = run.json();
    long stored = orders() - 1; // the order of the first import
    assertThat(summary.get("ordersWritten").asLong()).isEqualTo(stored).isGreaterThanOrEqualTo(2_500);
    assertThat(summary.get("failed").asText()).contains("lines 2502 to 2601");
    assertThat(run.err()).contains("orders.csv").contains("lines 2502 to 2601");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void strictImport_databaseFailsMidFile_exits1AndWritesNothingOfTheFile() throws SQLException {
    CliRun run = CliRun.run("import", "--db", db(), "--format", "orders-csv", "--batch-size", "100", "--strict",
        file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.json().get("ordersWritten").asLong()).isZero();
    assertThat(run.err()).contains("nothing of the file was written");
    assertThat(orders()).isEqualTo(1);
  }

  private long orders() throws SQLException {
    try (Connection c = DriverManager.getConnection(db());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ci_orders")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
