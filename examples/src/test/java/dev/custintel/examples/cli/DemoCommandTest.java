package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo report on a small synthetic shop. */
class DemoCommandTest {
  private static final Pattern ORDERS = Pattern.compile("(?m)^  Orders\\s+([0-9,]+)");
  private static final Pattern TOP_SPENDER = Pattern.compile("SAMPLE CUSTOMER PROFILE: (\\S+)");

  @TempDir Path dir;

  @Test
  void demo_smallShop_printsEverySectionWithOrders() {
    CliRun run = CliRun.run("demo", "--customers", "300", "--seed", "7");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains(
        "THE SHOP",
        "TOP 5 CUSTOMERS BY SPEND, LAST 12 MONTHS",
        "INACTIVE CUSTOMERS",
        "SAMPLE CUSTOMER PROFILE",
        "Top products",
        "Top categories",
        "\"Today\" is 2026-01-01");
    Matcher orders = ORDERS.matcher(run.out());
    assertThat(orders.find()).as(run.out()).isTrue();
    assertThat(Long.parseLong(orders.group(1).replace(",", ""))).isPositive();
    assertThat(run.out()).containsPattern("(?m)^  Customers\\s+300$");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void demo_sameSeedTwice_printsTheSameReportApartFromTheTimeTaken() {
    CliRun first = CliRun.run("demo", "--customers", "300", "--seed", "7");
    CliRun second = CliRun.run("demo", "--customers", "300", "--seed", "7");

    assertThat(first.exitCode()).isZero();
    assertThat(second.exitCode()).isZero();
    assertThat(withoutTiming(second.out())).isEqualTo(withoutTiming(first.out()));
    assertThat(withoutTiming(first.out())).isNotEqualTo(first.out());
  }

  @Test
  void demo_intoH2File_keepsTheShopForProfile() {
    String db = "jdbc:h2:file:" + dir.resolve("demo").toAbsolutePath();

    CliRun demo = CliRun.run("demo", "--customers", "50", "--seed", "3", "--months", "6", "--currency", "usd",
        "--db", db);

    assertThat(demo.exitCode()).as(demo.toString()).isZero();
    assertThat(demo.out()).contains("Seed 3, 50 customers, 6 months to 2025-12-31, USD", "jdbc:h2:file:");
    Matcher sample = TOP_SPENDER.matcher(demo.out());
    assertThat(sample.find()).isTrue();

    CliRun profile = CliRun.run("profile", "--db", db, "--as-of", "2026-01-01", sample.group(1));

    assertThat(profile.exitCode()).as(profile.toString()).isZero();
    JsonNode p = profile.json();
    assertThat(p.get("customerId").asText()).isEqualTo(sample.group(1));
    assertThat(p.get("orders").asLong()).isPositive();
    assertThat(p.get("totalSpent").get("currency").asText()).isEqualTo("USD");
    assertThat(p.get("email").asText()).endsWith("@example.com");
    assertThat(demo.out()).contains("  Orders            " + p.get("orders").asLong());
  }

  @Test
  void textTable_mixedWidths_alignsColumns() {
    TextTable t = new TextTable("LR").header("Name", "Amount").row("a", "1.00").row("longer", "1,234.50");

    assertThat(t.lines(2)).containsExactly(
        "  Name      Amount",
        "  a           1.00",
        "  longer  1,234.50");
    assertThat(TextTable.cut("abcdefghij", 8)).isEqualTo("abcde...");
    assertThat(TextTable.cut(null, 8)).isEmpty();
    assertThat(new TextTable("L").isEmpty()).isTrue();
  }

  private static String withoutTiming(String report) {
    return report.replaceAll("(?m)^  Time taken .*$", "  Time taken (masked)");
  }
}
