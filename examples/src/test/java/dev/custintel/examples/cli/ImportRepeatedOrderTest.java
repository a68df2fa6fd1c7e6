package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, D9 on the command line: an order id that comes back with different content fails a strict import
 * naming the line unless {@code --replace}; the summary counts it in {@code ordersReplaced}, not in
 * {@code ordersWritten}.
 */
class ImportRepeatedOrderTest extends CliDatabaseFixture {

  @Test
  void importStrict_changedRepeat_failsUnlessReplaceAndIsCountedAsReplaced() throws Exception {
    Path file = Files.write(dir.resolve("repeat.csv"), List.of(
        "order_id,customer_id,placed_at,product_id,quantity,unit_price,currency",
        "X-1,C-1,2024-01-01,P-1,1,5.00,EUR",
        "X-2,C-2,2024-01-02,P-1,1,5.00,EUR",
        "X-1,C-1,2024-01-01,P-1,3,5.00,EUR"), StandardCharsets.UTF_8);

    CliRun strict = CliRun.run("import", "--db", db(), "--format", "orders-csv", "--strict", file.toString());
    CliRun replacing =
        CliRun.run("import", "--db", db(), "--format", "orders-csv", "--strict", "--replace", file.toString());

    assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(strict.err()).contains("line 4").contains("repeats order 'X-1' of line 2 with different content");
    assertThat(replacing.exitCode()).as(replacing.toString()).isZero();
    JsonNode summary = replacing.json();
    assertThat(summary.get("ordersRead").asLong()).isEqualTo(3);
    assertThat(summary.get("ordersWritten").asLong()).isEqualTo(2);
    assertThat(summary.get("ordersReplaced").asLong()).isEqualTo(1);
    assertThat(summary.get("files").get(0).get("ordersReplaced").asLong()).isEqualTo(1);
    CliRun profile = CliRun.run("profile", "--db", db(), "C-1");
    // the last version: 3 x 5.00
    assertThat(profile.json().get("totalSpent").get("amount").asText()).isEqualTo("15.00");
  }
}
