package dev.custintel.examples.cli;

import static dev.custintel.examples.cli.JsonChecks.assertRoundsTo;
import static dev.custintel.examples.cli.JsonChecks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FpGrowth;
import dev.custintel.analytics.affinity.FrequentItemsets;
import dev.custintel.analytics.affinity.MiningOptions;
import dev.custintel.core.csv.CsvLineSplitter;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code affinity mine} against the published arules results on Groceries and the Practical Business Python recipe
 * on the Online Retail France subset (data/affinity/README.md), its JSON and CSV contracts, and its errors.
 */
class AffinityMineCommandTest {
  private static Path groceries;
  private static CliRun groceriesRun;
  private static JsonNode groceriesJson;

  @TempDir Path dir;

  @BeforeAll
  static void mineGroceriesOnce() {
    groceries = TestData.file("affinity/groceries.csv");
    groceriesRun = CliRun.run("affinity", "mine", "--baskets", groceries.toString(), "--format", "basket-csv",
        "--min-support", "0.001", "--min-confidence", "0.8");
    groceriesJson = groceriesRun.json();
  }

  @Test
  void groceries_support0001Confidence08_gives410RulesAsArules() {
    assertThat(groceriesRun.exitCode()).as(groceriesRun.toString()).isZero();
    assertThat(groceriesRun.err()).isEmpty();
    JsonNode json = groceriesJson;
    assertThat(names(json)).containsExactly("transactions", "items", "frequentItemsets", "itemsetsByLength", "rules",
        "rulesByLength", "elapsedMillis", "topRules");
    assertThat(json.get("transactions").asInt()).isEqualTo(9_835);
    assertThat(json.get("items").asInt()).isEqualTo(169);
    assertThat(json.get("rules").asInt()).isEqualTo(410);
    JsonNode byLength = json.get("rulesByLength");
    assertThat(names(byLength)).containsExactly("3", "4", "5", "6");
    assertThat(List.of(byLength.get("3").asInt(), byLength.get("4").asInt(), byLength.get("5").asInt(),
        byLength.get("6").asInt())).containsExactly(29, 229, 140, 12);
    assertThat(json.get("elapsedMillis").asLong()).isNotNegative();
  }

  @Test
  void groceries_frequentItemsetsAreThoseOfTheSdk() {
    FrequentItemsets direct =
        FpGrowth.mine(Baskets.readBasketCsv(groceries), MiningOptions.builder().minSupport(0.001).build());

    assertThat(groceriesJson.get("frequentItemsets").asInt()).isEqualTo(direct.size());
    JsonNode byLength = groceriesJson.get("itemsetsByLength");
    int[] counts = direct.countsByLength();
    List<String> lengths = new ArrayList<>();
    for (int length = 1; length < counts.length; length++) {
      lengths.add(Integer.toString(length));
      assertThat(byLength.get(Integer.toString(length)).asInt()).isEqualTo(counts[length]);
    }
    assertThat(names(byLength)).isEqualTo(lengths);
  }

  @Test
  void groceries_topRulesAreByLiftWithThePublishedTopRule() {
    JsonNode top = groceriesJson.get("topRules");
    assertThat(top).hasSize(AffinityOutput.TOP_RULES);
    JsonNode first = top.get(0);
    assertThat(names(first)).containsExactly(
        "antecedent", "consequent", "support", "confidence", "lift", "leverage", "conviction");
    assertThat(Set.of(first.get("antecedent").get(0).asText(), first.get("antecedent").get(1).asText()))
        .isEqualTo(Set.of("liquor", "red/blush wine"));
    assertThat(first.get("antecedent")).hasSize(2);
    assertThat(first.get("consequent")).hasSize(1);
    assertThat(first.get("consequent").get(0).asText()).isEqualTo("bottled beer");
    // arules: supp 0.001931876, conf 0.9047619, lift 11.23527 (7 significant digits).
    assertRoundsTo(first.get("support"), 0.001931876, 9);
    assertRoundsTo(first.get("confidence"), 0.9047619, 7);
    assertRoundsTo(first.get("lift"), 11.23527, 5);
    for (int i = 1; i < top.size(); i++) {
      assertThat(top.get(i).get("lift").asDouble()).isLessThanOrEqualTo(top.get(i - 1).get("lift").asDouble());
    }
  }

  @Test
  void withoutConfidence_itemsetsOnlyAndNoRuleKeys() {
    CliRun run = CliRun.run("affinity", "mine", "--baskets", groceries.toString(), "--format", "basket-csv",
        "--min-support", "0.01");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(names(run.json())).containsExactly(
        "transactions", "items", "frequentItemsets", "itemsetsByLength", "elapsedMillis");
    // 0.01 × 9835 = 98.35: count 99 or more, as --min-count 99 gives.
    CliRun count = CliRun.run("affinity", "mine", "--baskets", groceries.toString(), "--format", "basket-csv",
        "--min-count", "99");
    assertThat(count.json().get("frequentItemsets")).isEqualTo(run.json().get("frequentItemsets"));
    assertThat(count.json().get("itemsetsByLength")).isEqualTo(run.json().get("itemsetsByLength"));
  }

  @Test
  void fimi_smallFile_countsByHandAndNullConvictionForConfidenceOne() throws IOException {
    Path file = write("small.dat", "1 2 3\n1 2\n2 3 \n1 2 3\n");

    CliRun run = CliRun.run("affinity", "mine", "--baskets", file.toString(), "--format", "fimi",
        "--min-support", "0.5", "--min-confidence", "1");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("transactions").asInt()).isEqualTo(4);
    assertThat(json.get("items").asInt()).isEqualTo(3);
    // Counts 1:3, 2:4, 3:3, 12:3, 13:2, 23:3, 123:2, all at least 2.
    assertThat(json.get("frequentItemsets").asInt()).isEqualTo(7);
    assertThat(json.get("itemsetsByLength").toString()).isEqualTo("{\"1\":3,\"2\":3,\"3\":1}");
    // Confidence 1: 1 => 2, 3 => 2 and {1, 3} => 2.
    assertThat(json.get("rules").asInt()).isEqualTo(3);
    assertThat(json.get("rulesByLength").toString()).isEqualTo("{\"2\":2,\"3\":1}");
    for (JsonNode rule : json.get("topRules")) {
      assertThat(rule.get("consequent").toString()).isEqualTo("[\"2\"]");
      assertThat(rule.get("confidence").asDouble()).isEqualTo(1.0);
      assertThat(rule.get("lift").asDouble()).isEqualTo(1.0);
      assertThat(rule.get("conviction").isNull()).isTrue();
    }
  }

  @Test
  void fimi_mushroom_matchesTheSdk() {
    Path mushroom = TestData.file("affinity/mushroom.dat");
    FrequentItemsets direct = FpGrowth.mine(Baskets.readFimi(mushroom), MiningOptions.builder().minSupport(0.4)
        .maxLength(3).build());

    CliRun run = CliRun.run("affinity", "mine", "--baskets", mushroom.toString(), "--format", "FIMI",
        "--min-support", "0.4", "--max-length", "3");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.json().get("transactions").asInt()).isEqualTo(8_124);
    assertThat(run.json().get("frequentItemsets").asInt()).isEqualTo(direct.size()).isPositive();
    assertThat(names(run.json().get("itemsetsByLength"))).containsExactly("1", "2", "3");
  }

  @Test
  void csvOutput_everyRuleUnderTheHeaderAndParsesBack() {
    CliRun run = CliRun.run("affinity", "mine", "--baskets", groceries.toString(), "--format", "basket-csv",
        "--min-support", "0.001", "--min-confidence", "0.8", "--output", "csv");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("antecedent,consequent,support,confidence,lift,leverage,conviction");
    assertThat(lines).hasSize(1 + 410);
    double previousLift = Double.POSITIVE_INFINITY;
    for (String line : lines.subList(1, lines.size())) {
      List<String> fields = CsvLineSplitter.split(line, ',');
      assertThat(fields).as(line).hasSize(7);
      assertThat(fields.get(0).split(" \\| ").length + fields.get(1).split(" \\| ").length).isBetween(3, 6);
      double lift = Double.parseDouble(fields.get(4));
      assertThat(lift).isLessThanOrEqualTo(previousLift);
      previousLift = lift;
      assertThat(Double.parseDouble(fields.get(3))).isBetween(0.8, 1.0);
      assertThat(fields.get(6)).matches("inf|[0-9.]+");
    }
    List<String> top = CsvLineSplitter.split(lines.get(1), ',');
    assertThat(Set.copyOf(Arrays.asList(top.get(0).split(" \\| ")))).isEqualTo(Set.of("liquor", "red/blush wine"));
    assertThat(top.get(1)).isEqualTo("bottled beer");
    assertThat(Double.parseDouble(top.get(4))).isEqualTo(groceriesJson.get("topRules").get(0).get("lift").asDouble());
    assertThat(run.err().strip().lines()).singleElement().asString()
        .startsWith("custintel: 410 rules from").contains("9,835 baskets");
  }

  @Test
  void csvOutput_quotesFieldsAndWritesInfiniteConvictionAsInf() throws IOException {
    Path file = write("retail.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,"
        + "Country\n"
        + "1,10,\"CARD, \"\"BIRTHDAY\"\"\",1,1/1/2011 9:00,1.0,17,France\n"
        + "1,11,BAG,1,1/1/2011 9:00,1.0,17,France\n"
        + "2,10,\"CARD, \"\"BIRTHDAY\"\"\",1,1/1/2011 9:00,1.0,,France\n"
        + "2,11,BAG,1,1/1/2011 9:00,1.0,,France\n");

    CliRun run = CliRun.run("affinity", "mine", "--baskets", file.toString(), "--format", "online-retail",
        "--min-support", "1", "--min-confidence", "1", "--output", "CSV");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines().toList()).containsExactlyInAnyOrder(
        AffinityOutput.CSV_HEADER,
        "\"CARD, \"\"BIRTHDAY\"\"\",BAG,1.0,1.0,1.0,0.0,inf",
        "BAG,\"CARD, \"\"BIRTHDAY\"\"\",1.0,1.0,1.0,0.0,inf");
  }

  @Test
  void onlineRetail_franceRecipe_givesTheEightPublishedRules() {
    Path france = TestData.file("affinity/online_retail_france.csv");

    CliRun run = CliRun.run("affinity", "mine", "--baskets", france.toString(), "--format", "online-retail",
        "--exclude", "POSTAGE", "--min-support", "0.07", "--min-confidence", "0.8", "--min-lift", "6",
        "--max-consequent", "100");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("transactions").asInt()).isEqualTo(392);
    assertThat(json.get("rules").asInt()).isEqualTo(8);
    assertThat(json.get("topRules")).hasSize(8);
    // The two alarm-clock rules tie on lift; the one of higher confidence, RED => GREEN, comes first.
    assertThat(json.get("topRules").get(0).get("antecedent").toString()).isEqualTo("[\"ALARM CLOCK BAKELIKE RED\"]");
    JsonNode green = json.get("topRules").get(1);
    assertThat(green.get("antecedent").toString()).isEqualTo("[\"ALARM CLOCK BAKELIKE GREEN\"]");
    assertThat(green.get("consequent").toString()).isEqualTo("[\"ALARM CLOCK BAKELIKE RED\"]");
    assertRoundsTo(green.get("support"), 0.079082, 6);
    assertRoundsTo(green.get("confidence"), 0.815789, 6);
    assertRoundsTo(green.get("lift"), 8.642959, 6);
    assertRoundsTo(green.get("leverage"), 0.069932, 6);
    assertRoundsTo(green.get("conviction"), 4.916181, 6);
    // With POSTAGE kept, it is an item of its own.
    CliRun withPostage = CliRun.run("affinity", "mine", "--baskets", france.toString(), "--format",
        "online-retail", "--min-support", "0.07");
    assertThat(withPostage.json().get("items").asInt()).isEqualTo(json.get("items").asInt() + 1);
  }

  @Test
  void onlineRetail_semicolonFileByStockCode() {
    Path small = TestData.file("affinity/online_retail_small.csv");

    CliRun run = CliRun.run("affinity", "mine", "--baskets", small.toString(), "--format", "online-retail",
        "--items", "stock-code", "--min-support", "0.1", "--min-confidence", "0.5");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.json().get("transactions").asInt()).isEqualTo(155);
    assertThat(run.json().get("frequentItemsets").asInt()).isPositive();
  }

  @Test
  void badOptions_exit2NamingTheOption() {
    String file = groceries.toString();
    assertUsageError(List.of("--min-support", "0"), "--min-support must be a fraction above 0 and at most 1");
    assertUsageError(List.of("--min-support", "1.5"), "--min-support must be a fraction above 0 and at most 1");
    assertUsageError(List.of("--min-support", "abc"), "'--min-support'");
    assertUsageError(List.of("--min-count", "0"), "--min-count must be 1 or more");
    assertUsageError(List.of("--min-support", "0.1", "--min-count", "5"), "--min-support and --min-count");
    assertUsageError(List.of(), "--min-support");
    assertUsageError(List.of("--min-support", "0.1", "--min-confidence", "1.2"), "--min-confidence must be from 0");
    assertUsageError(List.of("--min-support", "0.1", "--min-confidence", "-0.1"), "--min-confidence must be from 0");
    assertUsageError(List.of("--min-support", "0.1", "--min-confidence", "0.5", "--min-lift", "-1"), "--min-lift");
    assertUsageError(List.of("--min-support", "0.1", "--min-lift", "2"), "--min-lift needs --min-confidence");
    assertUsageError(List.of("--min-support", "0.1", "--max-consequent", "2"),
        "--max-consequent needs --min-confidence");
    assertUsageError(List.of("--min-support", "0.1", "--min-confidence", "0.5", "--max-consequent", "0"),
        "--max-consequent must be 1 or more");
    assertUsageError(List.of("--min-support", "0.1", "--max-length", "0"), "--max-length must be 1 or more");
    assertUsageError(List.of("--min-support", "0.1", "--output", "csv"), "--output csv needs --min-confidence");
    assertUsageError(List.of("--min-support", "0.1", "--output", "xml"), "--output must be json or csv");
    assertUsageError(List.of("--min-support", "0.1", "--exclude", "POSTAGE"),
        "--exclude applies to --format online-retail only");
    assertUsageError(List.of("--min-support", "0.1", "--items", "stock-code"), "--items applies to");

    CliRun format = CliRun.run("affinity", "mine", "--baskets", file, "--format", "xml", "--min-support", "0.1");
    assertThat(format.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(format.firstErrLine()).contains("--format", "fimi, basket-csv, online-retail", "'xml'");
    assertThat(format.out()).isEmpty();
  }

  @Test
  void missingOrMalformedFiles_exit1WithOneLine() throws IOException {
    Path missing = dir.resolve("no-such.dat");
    Path badFimi = write("bad.dat", "1 2\n3 x\n");
    Path badRetail = write("bad.csv", "InvoiceNo,StockCode,Description,Quantity\n1,10,A,2\n1,11,B,two\n");
    Path empty = write("empty.csv", "");

    CliRun absent = mine(missing, "fimi");
    CliRun fimi = mine(badFimi, "fimi");
    CliRun retail = mine(badRetail, "online-retail");
    CliRun wrongFormat = mine(groceries, "fimi");
    CliRun nothing = mine(empty, "basket-csv");

    for (CliRun r : List.of(absent, fimi, retail, wrongFormat, nothing)) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(CustintelCli.FAILED);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().strip().lines()).as(r.toString()).singleElement().asString()
          .startsWith("custintel: --baskets: ");
    }
    assertThat(absent.err()).contains("file '" + missing + "' does not exist");
    assertThat(fimi.err()).contains("as fimi (check --format)", "line 2", "'x'");
    assertThat(retail.err()).contains("line 3", "Quantity must be an integer (was 'two')");
    assertThat(wrongFormat.err()).contains("line 1", "'citrus'");
    assertThat(nothing.err()).contains("empty");
  }

  @Test
  void help_documentsTheContract() {
    CliRun help = CliRun.run("affinity", "mine", "--help");
    CliRun root = CliRun.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--baskets", "--format", "--min-support", "--min-count", "--min-confidence",
        "--min-lift", "--max-length", "--max-consequent", "--output", "--items", "--exclude", "' | '", "inf",
        "null", "--exclude POSTAGE", "fimi, basket-csv, online-retail");
    assertThat(root.out()).contains("affinity", "custintel affinity mine");
    assertThat(CliRun.run("affinity").exitCode()).isEqualTo(CustintelCli.USAGE);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static CliRun mine(Path file, String format) {
    return CliRun.run("affinity", "mine", "--baskets", file.toString(), "--format", format, "--min-support", "0.5");
  }

  private static void assertUsageError(List<String> options, String message) {
    List<String> args = new ArrayList<>(List.of("affinity", "mine", "--baskets", groceries.toString(), "--format",
        "basket-csv"));
    args.addAll(options);
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.USAGE);
    assertThat(run.firstErrLine()).as(run.toString()).startsWith("custintel: ").contains(message);
    assertThat(run.err()).contains("Usage: custintel affinity mine");
    assertThat(run.out()).isEmpty();
  }
}
