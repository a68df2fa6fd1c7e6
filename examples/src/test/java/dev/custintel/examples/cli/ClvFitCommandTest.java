package dev.custintel.examples.cli;

import static dev.custintel.examples.cli.JsonChecks.assertRoundsTo;
import static dev.custintel.examples.cli.JsonChecks.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv fit} on the CDNOW sample of the BG/NBD paper (2,357 customers, calibration to 1997-09-30, holdout to
 * 1998-06-30, weeks) against the published fits, and its errors. The published parameters are those of the
 * 1/10 sample ({@code CDNOW_sample.txt}); the full cohort ({@code CDNOW_master.txt}, 23,570 customers) gives other
 * estimates. The holdout and tracking counts are computed here independently from the raw file.
 */
class ClvFitCommandTest {
  private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

  private static Path cdnow;
  private static CliRun run;
  private static JsonNode json;
  private static RawCounts raw;

  @TempDir Path dir;

  @BeforeAll
  static void fitCdnowOnce() throws IOException {
    cdnow = TestData.file("clv/CDNOW_sample.txt");
    run = CliRun.run("clv", "fit", "--transactions", cdnow.toString(), "--format", "cdnow",
        "--calibration-end", CALIBRATION_END.toString(), "--holdout-end", HOLDOUT_END.toString(), "--period", "week");
    json = run.json();
    raw = RawCounts.of(cdnow, CALIBRATION_END, HOLDOUT_END);
  }

  @Test
  void cdnow_exits0WithTheContractsKeys() {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(json.get("period").asText()).isEqualTo("week");
    assertThat(json.get("customers").asInt()).isEqualTo(2_357).isEqualTo(raw.customers);
    assertThat(json.get("excludedCustomers").asInt()).isZero();
    assertThat(json.get("currency").asText()).isEqualTo("USD");
    assertThat(json.get("calibrationEnd").asText()).isEqualTo("1997-09-30");
    assertThat(json.get("input").get("rowsRead").asLong()).isEqualTo(6_919);
    assertThat(json.get("input").get("rejectedRows").asLong()).isZero();
    JsonNode models = json.get("models");
    assertThat(names(models)).containsExactly("bgnbd", "mbgnbd", "paretoNbd", "gammaGamma");
    assertThat(names(models.get("bgnbd").get("params"))).containsExactly("r", "alpha", "a", "b");
    assertThat(names(models.get("bgnbd").get("standardErrors"))).containsExactly("r", "alpha", "a", "b");
    assertThat(names(models.get("mbgnbd").get("params"))).containsExactly("r", "alpha", "a", "b");
    assertThat(names(models.get("paretoNbd").get("params"))).containsExactly("r", "alpha", "s", "beta");
    assertThat(names(models.get("gammaGamma").get("params"))).containsExactly("p", "q", "v");
    for (JsonNode model : models) {
      assertThat(model.get("logLikelihood").isNumber()).isTrue();
      assertThat(model.get("converged").asBoolean()).isTrue();
      assertThat(model.get("iterations").asInt()).isPositive();
    }
    JsonNode backtest = json.get("backtest");
    assertThat(names(backtest)).startsWith(
        "holdoutPeriods", "actualRepeatTransactions", "predicted", "tracking", "churnAuc");
    assertThat(names(backtest.get("predicted"))).startsWith("bgnbd", "paretoNbd");
    assertThat(names(backtest.get("tracking").get(0))).startsWith("period", "actual", "bgnbd", "paretoNbd");
    assertEveryNumberFinite(json);
  }

  /**
   * Issue 17: every cold {@code clv fit} read the JDK's time-zone database and scanned the class path for zone
   * providers (about 8 ms) because {@code ImportFormat}'s constants resolved Europe/London, the Online Retail
   * layout's zone, when the enum was first used. A CDNOW file's times are UTC: nothing needs a region's rules.
   */
  @Test
  void cdnow_inANewJvm_neverLoadsTheTimeZoneDatabase() throws Exception {
    Path log = dir.resolve("classes.log");
    CliRun run = CliRun.inNewJvm(dir, log, "clv", "fit", "--transactions", cdnow.toString(), "--format", "cdnow",
        "--calibration-end", CALIBRATION_END.toString(), "--period", "week");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String loaded = Files.readString(log);
    assertThat(loaded).as("the run's class-load log").contains("dev.custintel.core.imports.ImportFormat ")
        .doesNotContain("java.time.zone.TzdbZoneRulesProvider").doesNotContain("java.time.ZoneRegion ");
  }

  @Test
  void cdnow_bgNbdMatchesThePublishedFitAndStandardErrors() {
    JsonNode bg = json.get("models").get("bgnbd");
    // Fader, Hardie & Lee (2005): r 0.2426, alpha 4.414, a 0.7929, b 2.426, LL -9582.4.
    assertRoundsTo(bg.get("params").get("r"), 0.2426, 4);
    assertRoundsTo(bg.get("params").get("alpha"), 4.414, 3);
    assertRoundsTo(bg.get("params").get("a"), 0.7929, 4);
    assertRoundsTo(bg.get("params").get("b"), 2.426, 3);
    assertRoundsTo(bg.get("logLikelihood"), -9582.4, 1);
    JsonNode se = bg.get("standardErrors");
    assertThat(se.get("r").asDouble()).isCloseTo(0.01256, within(0.01256 * 0.02));
    assertThat(se.get("alpha").asDouble()).isCloseTo(0.3782, within(0.3782 * 0.02));
    assertThat(se.get("a").asDouble()).isCloseTo(0.1857, within(0.1857 * 0.02));
    assertThat(se.get("b").asDouble()).isCloseTo(0.7053, within(0.7053 * 0.02));
  }

  @Test
  void cdnow_otherModelsMatchTheirPublishedFits() {
    JsonNode mbg = json.get("models").get("mbgnbd").get("params");
    assertRoundsTo(mbg.get("r"), 0.525, 3);
    assertRoundsTo(mbg.get("alpha"), 6.183, 3);
    assertRoundsTo(mbg.get("a"), 0.891, 3);
    assertRoundsTo(mbg.get("b"), 1.614, 3);
    JsonNode pareto = json.get("models").get("paretoNbd");
    assertRoundsTo(pareto.get("params").get("r"), 0.553, 3);
    assertRoundsTo(pareto.get("params").get("alpha"), 10.58, 2);
    assertRoundsTo(pareto.get("params").get("s"), 0.606, 3);
    assertRoundsTo(pareto.get("params").get("beta"), 11.67, 2);
    assertRoundsTo(pareto.get("logLikelihood"), -9595.0, 1);
    // Fader & Hardie (2013), on the 946 repeat customers' mean repeat spend: p 6.25, q 3.74, gamma 15.44.
    JsonNode gg = json.get("models").get("gammaGamma");
    assertRoundsTo(gg.get("params").get("p"), 6.25, 2);
    assertRoundsTo(gg.get("params").get("q"), 3.74, 2);
    assertRoundsTo(gg.get("params").get("v"), 15.44, 2);
    assertThat(gg.get("fittedCustomers").asInt()).isEqualTo(946);
    assertThat(gg.get("excludedNoRepeat").asInt()).isEqualTo(1_411);
    assertThat(gg.get("excluded").asInt()).isEqualTo(1_411);
  }

  @Test
  void cdnow_backtestCountsMatchTheRawFile() {
    JsonNode backtest = json.get("backtest");
    assertThat(backtest.get("holdoutPeriods").asDouble()).isEqualTo(39.0);
    assertThat(backtest.get("actualRepeatTransactions").asLong()).isEqualTo(raw.holdoutDays).isEqualTo(1_882);

    JsonNode tracking = backtest.get("tracking");
    assertThat(tracking).hasSize(78);
    for (int k = 0; k < 78; k++) {
      JsonNode point = tracking.get(k);
      assertThat(point.get("period").asInt()).isEqualTo(k + 1);
      assertThat(point.get("inHoldout").asBoolean()).isEqualTo(k >= 39);
      if (k > 0) {
        JsonNode before = tracking.get(k - 1);
        assertThat(point.get("actual").asLong()).isGreaterThanOrEqualTo(before.get("actual").asLong());
        assertThat(point.get("bgnbd").asDouble()).isGreaterThan(before.get("bgnbd").asDouble());
        assertThat(point.get("paretoNbd").asDouble()).isGreaterThan(before.get("paretoNbd").asDouble());
      }
    }
    // Week 39 ends on the calibration end; week 78 on the holdout end.
    assertThat(tracking.get(38).get("actual").asLong()).isEqualTo(raw.calibrationRepeatDays).isEqualTo(2_457);
    assertThat(tracking.get(77).get("actual").asLong()).isEqualTo(raw.repeatDays).isEqualTo(4_339);
    assertThat(raw.repeatDays).isEqualTo(raw.calibrationRepeatDays + raw.holdoutDays);
    // The paper's Figure 4: the BG/NBD's expected cumulative repeat transactions stay close to the actual ones.
    assertThat(tracking.get(77).get("bgnbd").asDouble()).isCloseTo(4_339.0, within(0.05 * 4_339));
    assertThat(tracking.get(77).get("paretoNbd").asDouble()).isCloseTo(4_339.0, within(0.05 * 4_339));
  }

  @Test
  void cdnow_backtestPredictionsAndChurnAuc() {
    JsonNode backtest = json.get("backtest");
    // The models under-predict CDNOW's holdout (about 1,650 expected against 1,882 actual).
    assertThat(backtest.get("predicted").get("bgnbd").asDouble()).isCloseTo(1_882.0, within(0.15 * 1_882));
    assertThat(backtest.get("predicted").get("paretoNbd").asDouble()).isCloseTo(1_882.0, within(0.15 * 1_882));
    assertThat(backtest.get("predicted").get("mbgnbd").asDouble()).isCloseTo(1_577.0, within(5.0));
    assertThat(backtest.get("churnAuc").asDouble()).isBetween(0.6, 0.8);
    assertThat(backtest.has("errors")).isFalse();
  }

  @Test
  void withoutHoldoutInDays_fitsTheSameCustomersInDayUnitsAndHasNoBacktest() {
    CliRun days = CliRun.run("clv", "fit", "--transactions", cdnow.toString(), "--format", "cdnow",
        "--calibration-end", "1997-09-30", "--period", "day");

    assertThat(days.exitCode()).as(days.toString()).isZero();
    JsonNode out = days.json();
    assertThat(out.get("period").asText()).isEqualTo("day");
    assertThat(out.get("customers").asInt()).isEqualTo(2_357);
    assertThat(out.has("backtest")).isFalse();
    assertThat(out.has("holdoutEnd")).isFalse();
    // Only the rate parameters carry the unit: alpha in days is 7 times alpha in weeks.
    JsonNode inDays = out.get("models").get("bgnbd").get("params");
    JsonNode inWeeks = json.get("models").get("bgnbd").get("params");
    assertThat(inDays.get("r").asDouble()).isCloseTo(inWeeks.get("r").asDouble(), within(1e-3 * 0.2426));
    assertThat(inDays.get("alpha").asDouble()).isCloseTo(7 * inWeeks.get("alpha").asDouble(), within(1e-3 * 30.9));
    assertThat(inDays.get("a").asDouble()).isCloseTo(inWeeks.get("a").asDouble(), within(1e-3 * 0.7929));
    assertThat(inDays.get("b").asDouble()).isCloseTo(inWeeks.get("b").asDouble(), within(1e-3 * 2.426));
    assertEveryNumberFinite(out);
  }

  /**
   * Issue 11: customers who all buy every 7 days leave the gamma heterogeneity nothing to fit, and the searches
   * run off (r = 6.8e8) with converged false; the command used to exit 0 with those parameters.
   */
  @Test
  void unconvergedFit_exits1SayingWhichModelsDidNotConverge_unlessAllowed() throws IOException {
    List<String> rows = new ArrayList<>();
    LocalDate start = LocalDate.of(1997, 1, 1);
    for (int customer = 1; customer <= 60; customer++) {
      for (int week = 0; week < 30; week++) {
        rows.add(String.format(Locale.ROOT, "%05d %s 1 10.00", customer,
            start.plusWeeks(week).format(DateTimeFormatter.BASIC_ISO_DATE)));
      }
    }
    Path regular = dir.resolve("regular.txt");
    Files.write(regular, rows, StandardCharsets.UTF_8);
    String[] args = {"clv", "fit", "--transactions", regular.toString(), "--format", "cdnow",
        "--calibration-end", "1997-12-31", "--period", "week"};

    CliRun refused = CliRun.run(args);
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(refused.json().get("models").get("bgnbd").get("converged").asBoolean()).isFalse();
    assertThat(refused.err()).contains("did not converge").contains("bgnbd").contains("--allow-unconverged");
    assertThat(refused.err().strip().lines()).hasSize(1);

    List<String> allowedArgs = new ArrayList<>(List.of(args));
    allowedArgs.add("--allow-unconverged");
    CliRun allowed = CliRun.run(allowedArgs.toArray(String[]::new));
    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    assertThat(allowed.json().get("models").get("bgnbd").get("converged").asBoolean()).isFalse();
  }

  @Test
  void help_listsTheOptionsAndDocumentsChurnAuc() {
    CliRun root = CliRun.run("--help");
    CliRun group = CliRun.run("clv", "--help");
    CliRun fit = CliRun.run("clv", "fit", "--help");

    assertThat(root.out()).contains("clv", "custintel clv fit");
    assertThat(group.exitCode()).isZero();
    assertThat(group.out()).contains("fit");
    assertThat(fit.exitCode()).isZero();
    assertThat(fit.out()).contains("--transactions", "--format", "--calibration-end", "--holdout-end", "--period",
        "--currency", "churnAuc", "P(alive)");
  }

  @Test
  void clvWithoutSubcommand_exits2() {
    CliRun group = CliRun.run("clv");

    assertThat(group.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(group.err()).contains("Missing command", "clv fit");
  }

  @Test
  void usageErrors_exit2NamingTheOption() {
    String file = cdnow.toString();

    CliRun badDate = CliRun.run("clv", "fit", "--transactions", file, "--format", "cdnow",
        "--calibration-end", "1997-13-01");
    CliRun notAfter = CliRun.run("clv", "fit", "--transactions", file, "--format", "cdnow",
        "--calibration-end", "1997-09-30", "--holdout-end", "1997-09-30");
    CliRun badPeriod = CliRun.run("clv", "fit", "--transactions", file, "--format", "cdnow",
        "--calibration-end", "1997-09-30", "--period", "month");
    CliRun badFormat = CliRun.run("clv", "fit", "--transactions", file, "--format", "xml",
        "--calibration-end", "1997-09-30");
    CliRun missing = CliRun.run("clv", "fit", "--transactions", file, "--format", "cdnow");

    for (CliRun r : List.of(badDate, notAfter, badPeriod, badFormat, missing)) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(CustintelCli.USAGE);
      assertThat(r.out()).isEmpty();
    }
    assertThat(badDate.firstErrLine()).contains("--calibration-end", "'1997-13-01' is not a date");
    assertThat(notAfter.firstErrLine())
        .contains("--holdout-end must be after --calibration-end 1997-09-30 (was 1997-09-30)");
    assertThat(badPeriod.firstErrLine()).contains("--period", "must be day or week");
    assertThat(badFormat.firstErrLine()).contains("cdnow, online-retail, orders-csv");
    assertThat(missing.firstErrLine()).contains("--calibration-end");
  }

  @Test
  void missingFileOrDirectory_exits1NamingTheOption() {
    String absent = dir.resolve("absent.txt").toString();

    CliRun missing = CliRun.run("clv", "fit", "--transactions", absent, "--format", "cdnow",
        "--calibration-end", "1997-09-30");
    CliRun directory = CliRun.run("clv", "fit", "--transactions", dir.toString(), "--format", "cdnow",
        "--calibration-end", "1997-09-30");

    assertThat(missing.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err().strip().lines())
        .containsExactly("custintel: --transactions: file '" + absent + "' does not exist");
    assertThat(directory.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(directory.err()).contains("--transactions", "is a directory");
  }

  /** An empty name ({@code --transactions=}) was read as the working directory: "'' is a directory". */
  @Test
  void emptyFileName_exits1SayingTheNameIsEmpty() {
    CliRun clv = CliRun.run("clv", "fit", "--transactions=", "--format", "cdnow", "--calibration-end", "1997-09-30");
    CliRun affinity = CliRun.run("affinity", "mine", "--baskets", "", "--format", "basket-csv", "--min-support",
        "0.1");
    CliRun importRun = CliRun.run("import", "--db", "jdbc:h2:mem:empty-name", "--format", "cdnow", "");

    assertThat(clv.exitCode()).as(clv.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(clv.err().strip().lines()).containsExactly("custintel: --transactions: the file name is empty");
    assertThat(affinity.exitCode()).as(affinity.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(affinity.err().strip().lines()).containsExactly("custintel: --baskets: the file name is empty");
    assertThat(importRun.exitCode()).as(importRun.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(importRun.err().strip().lines()).containsExactly("custintel: a file name is empty");
  }

  @Test
  void calibrationEndBeforeAllData_exits1NamingTheOption() throws IOException {
    Path file = orders("before.csv", "O-1,C-1,2024-03-01,EUR", "O-2,C-1,2024-04-01,EUR");

    CliRun run = fit(file, "--calibration-end", "2024-01-31");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip().lines()).singleElement().asString()
        .startsWith("custintel: --calibration-end is before every transaction")
        .contains("2024-01-31", "2024-03-01");
  }

  @Test
  void severalCurrencies_requireCurrency() throws IOException {
    // No repeat purchase in EUR, so that the run with --currency EUR stops quickly after the summaries.
    Path file = orders("mixed.csv", "O-1,C-1,2024-01-02,EUR", "O-2,C-2,2024-01-05,EUR", "O-3,C-3,2024-01-09,USD",
        "O-4,C-3,2024-02-01,USD");

    CliRun ambiguous = fit(file, "--calibration-end", "2024-03-31");
    CliRun absent = fit(file, "--calibration-end", "2024-03-31", "--currency", "jpy");
    CliRun eur = fit(file, "--calibration-end", "2024-03-31", "--currency", "eur");

    assertThat(ambiguous.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(ambiguous.out()).isEmpty();
    assertThat(ambiguous.err().strip().lines()).singleElement().asString()
        .startsWith("custintel: --currency is required").contains("2 currencies (EUR, USD)");
    assertThat(absent.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(absent.out()).isEmpty();
    assertThat(absent.err()).contains("--currency JPY", "no purchase in that currency", "EUR, USD");
    assertThat(eur.json().get("currency").asText()).isEqualTo("EUR");
    assertThat(eur.json().get("customers").asInt()).isEqualTo(2);
    assertThat(eur.json().get("input").get("orders").asInt()).isEqualTo(4);
  }

  @Test
  void noRepeatPurchase_printsEachModelsErrorAndExits1() throws IOException {
    Path file = orders("once.csv", "O-1,C-1,2024-01-02,EUR", "O-2,C-2,2024-01-05,EUR", "O-3,C-3,2024-02-01,EUR",
        "O-4,C-1,2024-05-01,EUR");

    CliRun run = fit(file, "--calibration-end", "2024-03-31", "--holdout-end", "2024-06-30");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.err().strip().lines()).singleElement().asString()
        .startsWith("custintel: no model could be fitted:");
    JsonNode out = run.json();
    for (JsonNode model : out.get("models")) {
      assertThat(model.get("error").asText()).isNotBlank();
      assertThat(model.has("params")).isFalse();
    }
    JsonNode backtest = out.get("backtest");
    assertThat(backtest.get("actualRepeatTransactions").asLong()).isEqualTo(1);
    assertThat(backtest.get("predicted").get("bgnbd").isNull()).isTrue();
    assertThat(backtest.get("tracking")).isEmpty();
    assertThat(backtest.get("churnAuc").isNull()).isTrue();
  }

  @Test
  void zeroSpendAndABadRow_gammaGammaFailsAloneAndTheRowIsReported() throws IOException {
    Path file = orders("free.csv",
        "O-1,C-1,2024-01-02,EUR", "O-2,C-1,2024-02-10,EUR", "O-3,C-1,2024-03-15,EUR", "O-4,C-2,2024-01-05,EUR",
        "O-5,C-2,2024-04-01,EUR", "O-6,C-3,2024-01-20,EUR", "O-7,C-4,2024-02-01,EUR", "O-8,C-4,2024-02-20,EUR",
        "O-9,C-4,2024-05-20,EUR", "O-10,C-5,2024-03-03,EUR", "O-11,C-5,not-a-date,EUR", "O-12,C-6,2024-03-09,EUR",
        "O-13,C-6,2024-06-09,EUR");

    // Six customers are too few for BG/NBD and Pareto/NBD to converge: accepted here, where the point is the rest.
    CliRun run = fit(file, "--calibration-end", "2024-04-30", "--holdout-end", "2024-08-31", "--allow-unconverged");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err().strip().lines()).singleElement().asString()
        .contains("warning: 1 of 13 rows were left out (1 malformed, 0 unusable)");
    JsonNode out = run.json();
    assertThat(out.get("input").get("rejectedRows").asLong()).isEqualTo(1);
    assertThat(out.get("models").get("gammaGamma").get("error").asText()).contains("meanSpend");
    assertThat(out.get("models").get("bgnbd").get("params").get("r").isNumber()).isTrue();
    assertThat(out.get("backtest").get("actualRepeatTransactions").asLong()).isEqualTo(2);
    assertThat(out.get("backtest").get("tracking")).isNotEmpty();
    assertEveryNumberFinite(out);
  }

  @Test
  void fileInAnotherLayout_exits1SuggestingTheFormat() throws IOException {
    Path notCdnow = dir.resolve("not-cdnow.txt");
    Files.writeString(notCdnow, "hello world\nthis is not a transaction file\n", StandardCharsets.UTF_8);
    Path badRows = dir.resolve("bad-rows.txt");
    Files.writeString(badRows, "customer_id date number_of_cds dollar_value\n00001 yesterday 1 9.99\n",
        StandardCharsets.UTF_8);

    CliRun header = CliRun.run("clv", "fit", "--transactions", notCdnow.toString(), "--format", "cdnow",
        "--calibration-end", "1997-09-30");
    CliRun rows = CliRun.run("clv", "fit", "--transactions", badRows.toString(), "--format", "cdnow",
        "--calibration-end", "1997-09-30");

    for (CliRun r : List.of(header, rows)) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(CustintelCli.FAILED);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().strip().lines()).last().asString().startsWith("custintel: --transactions:")
          .contains("check --format");
    }
    assertThat(header.err()).contains("header");
    assertThat(rows.err()).contains("no purchase could be read", "1 rows read, 1 rejected");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private CliRun fit(Path file, String... options) {
    List<String> args = new ArrayList<>(List.of("clv", "fit", "--transactions", file.toString(), "--format",
        "orders-csv"));
    args.addAll(List.of(options));
    return CliRun.run(args.toArray(String[]::new));
  }

  /** Writes an orders CSV from rows {@code order_id,customer_id,placed_at,currency}, each one free unit. */
  private Path orders(String name, String... rows) throws IOException {
    StringBuilder csv = new StringBuilder("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency\n");
    for (String row : rows) {
      String[] f = row.split(",");
      csv.append(f[0]).append(',').append(f[1]).append(',').append(f[2]).append(",P-1,1,0,").append(f[3])
          .append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }


  private static void assertEveryNumberFinite(JsonNode node) {
    if (node.isNumber()) {
      assertThat(node.asDouble()).isFinite();
    } else if (node.isTextual()) {
      assertThat(node.asText()).isNotIn("NaN", "Infinity", "-Infinity");
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      assertEveryNumberFinite(it.next());
    }
  }

  /**
   * Counts from the raw CDNOW file, without the SDK: purchase days (same-day rows merged) of the customers whose
   * first purchase is on or before the calibration end, up to the holdout end.
   */
  private static final class RawCounts {
    int customers;
    long calibrationRepeatDays;
    long holdoutDays;
    long repeatDays;

    static RawCounts of(Path file, LocalDate calibrationEnd, LocalDate holdoutEnd) throws IOException {
      Map<String, TreeSet<LocalDate>> days = new HashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || !Character.isDigit(f[0].charAt(0))) {
          continue; // blank or header
        }
        // Master layout: id date cds dollars; sample layout: master id, sample id, date, cds, dollars.
        LocalDate day = LocalDate.parse(f.length == 5 ? f[2] : f[1], DateTimeFormatter.BASIC_ISO_DATE);
        if (!day.isAfter(holdoutEnd)) {
          days.computeIfAbsent(f[0], k -> new TreeSet<>()).add(day);
        }
      }
      RawCounts counts = new RawCounts();
      for (TreeSet<LocalDate> own : days.values()) {
        if (own.first().isAfter(calibrationEnd)) {
          continue;
        }
        counts.customers++;
        int inCalibration = own.headSet(calibrationEnd, true).size();
        counts.calibrationRepeatDays += inCalibration - 1;
        counts.holdoutDays += own.size() - inCalibration;
        counts.repeatDays += own.size() - 1;
      }
      return counts;
    }
  }
}
