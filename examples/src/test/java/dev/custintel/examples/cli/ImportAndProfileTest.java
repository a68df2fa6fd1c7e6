package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code import} and {@code profile} against H2 (a file) and PostgreSQL, each test on a fresh, empty database. The
 * expected figures were computed independently from the raw files.
 */
class ImportAndProfileTest extends CliDatabaseFixture {

  @Test
  void importCdnow_thenProfileAndImportAgain_matchesRawFileAndWritesNothing() {
    String file = TestData.file("clv/CDNOW_master.txt").toString();

    CliRun first = CliRun.run("import", "--db", db(), "--format", "cdnow", file);

    assertThat(first.exitCode()).as(first.toString()).isZero();
    JsonNode report = first.json();
    assertThat(report.get("rowsRead").asLong()).isEqualTo(69_659);
    assertThat(report.get("ordersWritten").asLong()).isEqualTo(69_659);
    assertThat(report.get("ordersUnchanged").asLong()).isZero();
    assertThat(report.get("customers").asLong()).isEqualTo(23_570);
    assertThat(report.get("rejectedCount").asLong()).isZero();
    assertThat(report.get("rejected")).isEmpty();
    assertThat(report.get("skippedCount").asLong()).isZero();
    assertThat(report.get("files")).hasSize(1);
    JsonNode fileReport = report.get("files").get(0);
    assertThat(fileReport.get("file").asText()).isEqualTo(file);
    assertThat(fileReport.get("rowsRead").asLong()).isEqualTo(69_659);
    assertThat(fileReport.get("customers").asLong()).isEqualTo(23_570);
    assertThat(report.get("elapsedMillis").asLong()).isNotNegative();

    CliRun two = CliRun.run("profile", "--db", db(), "00002");
    assertThat(two.exitCode()).as(two.toString()).isZero();
    JsonNode p2 = two.json();
    assertThat(p2.get("customerId").asText()).isEqualTo("00002");
    assertThat(p2.get("orders").asLong()).isEqualTo(2);
    assertThat(p2.get("totalSpent").get("amount").asText()).isEqualTo("89.00");
    assertThat(p2.get("totalSpent").get("currency").asText()).isEqualTo("USD");
    assertThat(p2.get("averageOrderValue").get("amount").asText()).isEqualTo("44.50");
    assertThat(p2.get("firstOrderAt").asText()).isEqualTo("1997-01-12T00:00:00Z");
    assertThat(p2.get("lastOrderAt").asText()).isEqualTo("1997-01-12T00:00:00Z");
    assertThat(p2.get("returns").asLong()).isZero();
    assertThat(p2.get("country").isNull()).isTrue();
    assertThat(p2.get("topProducts")).isNotEmpty();
    assertThat(p2.get("topCategories")).isNotNull();
    assertThat(p2.has("daysSinceLastOrder")).isTrue();
    assertThat(p2.has("tenureDays")).isTrue();
    assertThat(p2.get("asOf").asText()).endsWith("Z");

    CliRun hundred = CliRun.run("profile", "--db", db(), "--as-of", "1998-07-01", "00100");
    assertThat(hundred.exitCode()).as(hundred.toString()).isZero();
    JsonNode p100 = hundred.json();
    assertThat(p100.get("orders").asLong()).isEqualTo(3);
    assertThat(p100.get("totalSpent").get("amount").asText()).isEqualTo("55.24");
    assertThat(p100.get("firstOrderAt").asText()).isEqualTo("1997-01-01T00:00:00Z");
    assertThat(p100.get("lastOrderAt").asText()).isEqualTo("1998-04-20T00:00:00Z");
    assertThat(p100.get("daysSinceLastOrder").asLong()).isEqualTo(72);
    assertThat(p100.get("asOf").asText()).isEqualTo("1998-07-01T00:00:00Z");

    CliRun second = CliRun.run("import", "--db", db(), "--format", "cdnow", file);

    assertThat(second.exitCode()).as(second.toString()).isZero();
    JsonNode again = second.json();
    assertThat(again.get("rowsRead").asLong()).isEqualTo(69_659);
    assertThat(again.get("ordersWritten").asLong()).isZero();
    assertThat(again.get("ordersUnchanged").asLong()).isEqualTo(69_659);
    assertThat(again.get("customers").asLong()).isEqualTo(23_570);
  }

  @Test
  void importOnlineRetail_rowsWithoutCustomer_skippedWithLineNumbers() {
    String file = TestData.file("affinity/online_retail_france.csv").toString();

    CliRun run = CliRun.run("import", "--db", db(), "--format", "online-retail", file);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode report = run.json();
    assertThat(report.get("skippedCount").asLong()).isEqualTo(66);
    assertThat(report.get("skipped")).hasSize(66);
    for (JsonNode row : report.get("skipped")) {
      assertThat(row.get("file").asText()).isEqualTo(file);
      assertThat(row.get("line").asLong()).isGreaterThan(1);
      assertThat(row.get("field").asText()).isEqualTo("CustomerID");
      assertThat(row.get("reason").asText()).isNotBlank();
    }
    assertThat(report.get("rejectedCount").asLong()).isEqualTo(report.get("rejected").size());
    assertThat(report.get("ordersWritten").asLong()).isPositive();
    assertThat(report.get("customers").asLong()).isEqualTo(report.get("files").get(0).get("customers").asLong());
  }

  @Test
  void importOrdersCsv_lenientWithOneBadRow_rejectsThatLineAndWritesTheRest() {
    String file = CliRun.resource("orders-one-bad-row.csv").toString();

    CliRun run = CliRun.run("import", "--db", db(), "--format", "orders-csv", file);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode report = run.json();
    assertThat(report.get("rowsRead").asLong()).isEqualTo(5);
    assertThat(report.get("ordersWritten").asLong()).isEqualTo(3);
    assertThat(report.get("rejectedCount").asLong()).isEqualTo(1);
    JsonNode rejected = report.get("rejected").get(0);
    assertThat(rejected.get("file").asText()).isEqualTo(file);
    assertThat(rejected.get("line").asLong()).isEqualTo(4);
    assertThat(rejected.get("field").asText()).containsIgnoringCase("quantity");
    assertThat(rejected.get("reason").asText()).contains("two");
    assertThat(report.get("customers").asLong()).isEqualTo(2);

    CliRun profile = CliRun.run("profile", "--db", db(), "--as-of", "2024-04-20", "C-1");
    assertThat(profile.exitCode()).as(profile.toString()).isZero();
    JsonNode p = profile.json();
    assertThat(p.get("orders").asLong()).isEqualTo(2);
    assertThat(p.get("totalSpent").get("amount").asText()).isEqualTo("31.50");
    assertThat(p.get("totalSpent").get("currency").asText()).isEqualTo("EUR");
    assertThat(p.get("averageOrderValue").get("amount").asText()).isEqualTo("15.75");
    assertThat(p.get("firstOrderAt").asText()).isEqualTo("2024-03-01T10:15:30Z");
    assertThat(p.get("lastOrderAt").asText()).isEqualTo("2024-04-10T06:00:00Z");
    assertThat(p.get("daysSinceLastOrder").asLong()).isEqualTo(9);
    assertThat(p.get("tenureDays").asLong()).isEqualTo(49);
    assertThat(p.get("country").asText()).isEqualTo("France");
    assertThat(p.get("email").isNull()).isTrue();
    List<String> products = new ArrayList<>();
    p.get("topProducts").forEach(n -> products.add(n.get("productId").asText()));
    assertThat(products).containsExactlyInAnyOrder("P-BEANS", "P-FILTER");
    JsonNode beans = p.get("topProducts").get(0);
    assertThat(beans.get("productId").asText()).isEqualTo("P-BEANS");
    assertThat(beans.get("quantity").asLong()).isEqualTo(3);
    assertThat(beans.get("amount").get("amount").asText()).isEqualTo("28.50");
    assertThat(p.get("topCategories").get(0).get("category").asText()).isEqualTo("Coffee");

    CliRun rejectedCustomer = CliRun.run("profile", "--db", db(), "C-2");
    assertThat(rejectedCustomer.exitCode()).as(rejectedCustomer.toString()).isEqualTo(CustintelCli.FAILED);
  }

  @Test
  void importOrdersCsv_strictWithOneBadRow_exits1NamingTheLineAndWritesNothing() {
    String file = CliRun.resource("orders-one-bad-row.csv").toString();

    CliRun run = CliRun.run("import", "--db", db(), "--format", "orders-csv", "--strict", file);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("line 4").containsIgnoringCase("quantity");
    assertThat(run.err().strip().lines()).hasSize(1);

    CliRun profile = CliRun.run("profile", "--db", db(), "C-1");
    assertThat(profile.exitCode()).as(profile.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(profile.err()).contains("C-1");
    assertThat(profile.out()).isEmpty();
  }

  @Test
  void importOrdersCsv_strictGoodThenBadFile_keepsTheGoodFileAndSaysSo() {
    String good = CliRun.resource("orders-good.csv").toString();
    String bad = CliRun.resource("orders-one-bad-row.csv").toString();

    CliRun run = CliRun.run("import", "--db", db(), "--format", "orders-csv", "--strict", good, bad);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.err()).contains("line 4").contains("1 earlier file was imported");
    assertThat(CliRun.run("profile", "--db", db(), "C-10").exitCode()).isZero();
    assertThat(CliRun.run("profile", "--db", db(), "C-1").exitCode()).isEqualTo(CustintelCli.FAILED);
  }

  @Test
  void importOrdersCsv_sameFileTwiceInOneRun_sumsOverFiles() {
    String file = CliRun.resource("orders-one-bad-row.csv").toString();

    CliRun run = CliRun.run("import", "--db", db(), "--format", "orders-csv", file, file);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode report = run.json();
    assertThat(report.get("format").asText()).isEqualTo("orders-csv");
    assertThat(report.get("files")).hasSize(2);
    assertThat(report.get("rowsRead").asLong()).isEqualTo(10);
    assertThat(report.get("ordersWritten").asLong()).isEqualTo(3);
    assertThat(report.get("ordersUnchanged").asLong()).isEqualTo(3);
    assertThat(report.get("files").get(1).get("ordersUnchanged").asLong()).isEqualTo(3);
    assertThat(report.get("rejectedCount").asLong()).isEqualTo(2);
    assertThat(report.get("rejected")).hasSize(2);
    assertThat(report.get("customers").asLong()).isEqualTo(2);
  }

  @Test
  void profile_unknownCustomer_exits1WithOneLineMessage() {
    assertThat(CliRun.run("import", "--db", db(), "--format", "orders-csv",
        CliRun.resource("orders-good.csv").toString()).exitCode()).isZero();

    CliRun run = CliRun.run("profile", "--db", db(), "NO-SUCH-CUSTOMER");

    assertThat(run.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("custintel: ").contains("NO-SUCH-CUSTOMER");
    assertThat(run.err().strip().lines()).hasSize(1);
  }
}
