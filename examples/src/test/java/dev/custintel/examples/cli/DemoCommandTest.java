package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo report on a small synthetic shop. */
class DemoCommandTest {
  private static final Pattern ORDERS = Pattern.compile("(?m)^  Orders\\s+([0-9,]+)");
  private static final Pattern TOP_SPENDER = Pattern.compile("SAMPLE CUSTOMER PROFILE: (\\S+)");
  private static final String MONEY = "([0-9,]+\\.[0-9]{2}) EUR";
  private static final Pattern AT_RISK = Pattern.compile("(?m)^    ([1-5])  (C-[0-9]+)\\s+([0-9.]+)%\\s+"
      + MONEY + "\\s+" + MONEY + "\\s+([0-9,]+)\\s+([0-9,]+) days? ago$");
  private static final Pattern TOP_VALUE = Pattern.compile("(?m)^  Top customer by 12-month value: (\\S+)\\R"
      + "    Value " + MONEY + "  \\(90% interval " + MONEY + " to " + MONEY + "\\)$");

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
        "PRODUCTS BOUGHT TOGETHER",
        "Strongest pairs, by lift",
        "Suggested for ",
        "\"Today\" is 2026-01-01");
    Matcher orders = ORDERS.matcher(run.out());
    assertThat(orders.find()).as(run.out()).isTrue();
    assertThat(Long.parseLong(orders.group(1).replace(",", ""))).isPositive();
    assertThat(run.out()).containsPattern("(?m)^  Customers\\s+300$");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void demo_smallShop_modelSectionIsConsistent() {
    CliRun run = CliRun.run("demo", "--customers", "300", "--seed", "7");
    String out = run.out();

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(out).contains("CHURN AND LIFETIME VALUE (MODEL RUN 1, PURCHASES TO 2025-12-31)",
        "Top 5 customers at risk, by value at risk", "Why, against the median customer:");
    // Risk levels partition the scored customers, who are the shop's customers with a purchase.
    long scored = number(out, "Customers scored\\s+([0-9,]+)");
    long low = number(out, "Low risk\\s+([0-9,]+)  churn risk under 50%");
    long medium = number(out, "Medium risk\\s+([0-9,]+)  50% to 80%");
    long high = number(out, "High risk\\s+([0-9,]+)  80% or more");
    assertThat(scored).isBetween(1L, 300L);
    assertThat(low + medium + high).isEqualTo(scored);
    BigDecimal totalAtRisk = amount(out, "Value at risk\\s+" + MONEY + " over 12 months");
    BigDecimal totalValue = amount(out, "Expected value\\s+" + MONEY + " over 12 months, all customers");
    assertThat(out).containsPattern("(?m)^  Churn AUC\\s+0\\.[0-9]{2} ");
    // The same run's product rules: some, each in at least 5 orders (the default floor), pairs by lift.
    assertThat(number(out, "Rules\\s+([0-9,]+) \\(each in at least")).isPositive();
    assertThat(number(out, "Rules\\s+[0-9,]+ \\(each in at least ([0-9,]+) orders")).isGreaterThanOrEqualTo(5);

    // The at-risk list: five customers, by value at risk, each at most what they would bring if still active.
    Matcher atRisk = AT_RISK.matcher(out);
    List<BigDecimal> valuesAtRisk = new ArrayList<>();
    while (atRisk.find()) {
      assertThat(Integer.parseInt(atRisk.group(1))).isEqualTo(valuesAtRisk.size() + 1);
      assertThat(Double.parseDouble(atRisk.group(3))).isBetween(0.0, 100.0);
      BigDecimal valueAtRisk = money(atRisk.group(4));
      assertThat(valueAtRisk).isLessThanOrEqualTo(money(atRisk.group(5)));
      if (!valuesAtRisk.isEmpty()) {
        assertThat(valueAtRisk).isLessThanOrEqualTo(valuesAtRisk.get(valuesAtRisk.size() - 1));
      }
      valuesAtRisk.add(valueAtRisk);
    }
    assertThat(valuesAtRisk).as(out).hasSize(5);
    assertThat(valuesAtRisk.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isLessThanOrEqualTo(totalAtRisk);

    // The top customer by value: inside its interval, explained by the four drivers, and so in its profile.
    Matcher top = TOP_VALUE.matcher(out);
    assertThat(top.find()).as(out).isTrue();
    BigDecimal value = money(top.group(2));
    assertThat(money(top.group(3))).isLessThanOrEqualTo(value);
    assertThat(money(top.group(4))).isGreaterThanOrEqualTo(value);
    assertThat(value).isLessThanOrEqualTo(totalValue);
    assertThat(out.lines().filter(line -> line.startsWith("    - ")).toList()).hasSize(4)
        .allSatisfy(line -> assertThat(line).contains("median").containsPattern("the 12-month value|no difference"));
    assertThat(out).containsPattern("(?m)^  Churn risk\\s+[0-9.]+%  \\(model run 1\\)$");
    Matcher sample = TOP_SPENDER.matcher(out);
    assertThat(sample.find()).isTrue();
    if (sample.group(1).equals(top.group(1))) {
      assertThat(out).contains("  Value, 12 months  " + top.group(2) + " EUR  (90% interval " + top.group(3));
    }
    // The sample's purchase days (what the model counts) stand beside its orders, and are never more.
    long orders = number(out, "Orders\\s+([0-9,]+)(  \\(|$)");
    long days = number(out, "Purchase days\\s+([0-9,]+)  \\(the first and [0-9,]+ repeat days to 2025-12-31;");
    assertThat(days).isBetween(1L, orders);
    assertThat(out).contains("Repeat buys: days with a purchase after the first one");
    DemoReportTest.assertNoUngroupedNumber(out.lines().toList());
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
    // The demo's model run is kept with the shop: the profile shows its scores.
    assertThat(p.get("scores").get("runId").asLong()).isEqualTo(1);
    assertThat(p.get("scores").get("lifetimeValue").get("currency").asText()).isEqualTo("USD");
    CliRun runs = CliRun.run("models", "list", "--db", db);
    assertThat(runs.exitCode()).as(runs.toString()).isZero();
    assertThat(runs.json()).hasSize(1);
    assertThat(runs.json().get(0).get("data").get("customers").asInt()).isBetween(1, 50);
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

  private static long number(String report, String regex) {
    Matcher m = Pattern.compile("(?m)^  " + regex).matcher(report);
    assertThat(m.find()).as("%s in%n%s", regex, report).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  private static BigDecimal amount(String report, String regex) {
    Matcher m = Pattern.compile("(?m)^  " + regex).matcher(report);
    assertThat(m.find()).as("%s in%n%s", regex, report).isTrue();
    return money(m.group(1));
  }

  private static BigDecimal money(String text) {
    return new BigDecimal(text.replace(",", ""));
  }

  private static String withoutTiming(String report) {
    return report.replaceAll("(?m)^  Time taken .*$", "  Time taken (masked)");
  }
}
