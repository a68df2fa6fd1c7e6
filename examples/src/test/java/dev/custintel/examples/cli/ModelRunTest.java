package dev.custintel.examples.cli;

import static dev.custintel.examples.cli.JsonChecks.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code models refresh}, {@code models list} and the scores in {@code profile} against H2 (a file) and PostgreSQL,
 * each test on a fresh, empty database: the CDNOW sample (2,357 customers), as of 1998-06-30 with a 39-week holdout, which puts
 * the backtest's calibration end on 1997-09-30 as in the BG/NBD paper.
 */
class ModelRunTest extends CliDatabaseFixture {

  @Test
  void refreshCdnowSample_backtestsAsPublished_thenProfilesShowTheRunsScores() {
    String file = TestData.file("clv/CDNOW_sample.txt").toString();
    assertThat(CliRun.run("import", "--db", db(), "--format", "cdnow", file).exitCode()).isZero();

    CliRun before = CliRun.run("profile", "--db", db(), "00004");
    assertThat(before.exitCode()).as(before.toString()).isZero();
    assertThat(before.json().get("scores").isNull()).isTrue();
    CliRun noRuns = CliRun.run("models", "list", "--db", db());
    assertThat(noRuns.exitCode()).as(noRuns.toString()).isZero();
    assertThat(noRuns.json()).isEmpty();

    CliRun refresh = CliRun.run("models", "refresh", "--db", db(), "--as-of", "1998-06-30", "--holdout-weeks", "39");

    assertThat(refresh.exitCode()).as(refresh.toString()).isZero();
    JsonNode run = refresh.json();
    // Nested as the ModelRun record is.
    assertThat(names(run)).containsExactly("id", "createdAt", "active", "data", "valuation", "fits", "quality",
        "timing", "affinity");
    long runId = run.get("id").asLong();
    assertThat(run.get("active").asBoolean()).isTrue();
    JsonNode data = run.get("data");
    assertThat(names(data)).containsExactly("asOf", "unit", "currency", "customers", "purchases", "latestPurchaseAt");
    assertThat(data.get("asOf").asText()).isEqualTo("1998-06-30");
    assertThat(data.get("unit").asText()).isEqualTo("week");
    assertThat(data.get("currency").asText()).isEqualTo("USD");
    assertThat(data.get("customers").asInt()).isEqualTo(2_357);
    assertThat(data.get("purchases").asLong()).isEqualTo(6_919);
    assertThat(data.get("latestPurchaseAt").asText()).isEqualTo("1998-06-30T00:00:00Z");
    assertThat(run.get("valuation").get("horizonMonths").asDouble()).isCloseTo(12.0, within(1e-9));
    assertThat(run.get("valuation").get("monthlyDiscountRate").asDouble()).isEqualTo(0.01);
    assertThat(run.get("valuation").get("intervalLevel").asDouble()).isEqualTo(0.9);
    assertThat(names(run.get("fits"))).containsExactly("purchaseModel", "spendModel");
    JsonNode purchases = run.get("fits").get("purchaseModel");
    assertThat(names(purchases)).startsWith("model", "params", "standardErrors", "logLikelihood", "converged",
        "iterations");
    assertThat(purchases.get("model").asText()).isEqualTo("mbgnbd");
    assertThat(names(purchases.get("params"))).containsExactly("r", "alpha", "a", "b");
    assertThat(purchases.get("converged").asBoolean()).isTrue();
    assertThat(run.get("fits").get("spendModel").get("model").asText()).isEqualTo("gammaGamma");
    assertThat(names(run.get("fits").get("spendModel").get("params"))).containsExactly("p", "q", "gamma");
    assertThat(names(run.get("quality"))).containsExactly("backtest", "backtestSkipped");
    assertThat(run.get("quality").get("backtestSkipped").isNull()).isTrue();
    assertThat(names(run.get("timing"))).containsExactly("totalMillis", "phasesMillis");
    assertThat(names(run.get("timing").get("phasesMillis")))
        .contains("backtest", "summaries", "fit", "score", "affinity");
    long phases = 0;
    for (JsonNode phase : run.get("timing").get("phasesMillis")) {
      phases += phase.asLong();
    }
    assertThat(run.get("timing").get("totalMillis").asLong()).isGreaterThanOrEqualTo(phases);
    // CDNOW orders hold one line each: one basket per order, no pair, so no rule.
    JsonNode affinity = run.get("affinity");
    assertThat(names(affinity)).containsExactly("baskets", "products", "minCount", "frequentItemsets", "rules",
        "truncated", "customerLtvMean");
    assertThat(affinity.get("baskets").asInt()).isEqualTo(6_919);
    assertThat(affinity.get("rules").asInt()).isZero();
    assertThat(affinity.get("truncated").asBoolean()).isFalse();

    JsonNode backtest = run.get("quality").get("backtest");
    assertThat(names(backtest)).startsWith("calibrationEnd", "holdoutEnd", "holdoutPeriods", "customers",
        "actualRepeatPurchases", "predictedRepeatPurchases", "meanAbsoluteError", "rootMeanSquaredError",
        "churnAuc");
    assertThat(backtest.get("calibrationEnd").asText()).isEqualTo("1997-09-30");
    assertThat(backtest.get("holdoutEnd").asText()).isEqualTo("1998-06-30");
    assertThat(backtest.get("holdoutPeriods").asDouble()).isEqualTo(39.0);
    assertThat(backtest.get("customers").asInt()).isEqualTo(2_357);
    assertThat(backtest.get("actualRepeatPurchases").asLong()).isEqualTo(1_882);
    assertThat(backtest.get("predictedRepeatPurchases").asDouble()).isCloseTo(1_577.0, within(5.0));
    assertThat(backtest.get("churnAuc").asDouble()).isStrictlyBetween(0.6, 0.8);
    // Batislam, Denizel & Filiztekin (2007) on the same 39 calibration weeks: r 0.525, alpha 6.183, a 0.891, b 1.614.
    JsonNode fit = backtest.get("fit").get("params");
    assertThat(fit.get("r").asDouble()).isCloseTo(0.525, within(0.525e-3));
    assertThat(fit.get("alpha").asDouble()).isCloseTo(6.183, within(6.183e-3));
    assertThat(fit.get("a").asDouble()).isCloseTo(0.891, within(0.891e-3));
    assertThat(fit.get("b").asDouble()).isCloseTo(1.614, within(1.614e-3));
    assertThat(backtest.get("aliveCalibration")).hasSize(10);
    JsonNode tracking = backtest.get("tracking");
    assertThat(tracking).hasSize(78);
    assertThat(tracking.get(77).get("actual").asLong()).isEqualTo(4_339);
    assertThat(tracking.get(77).get("inHoldout").asBoolean()).isTrue();

    CliRun list = CliRun.run("models", "list", "--db", db());
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.json()).hasSize(1);
    JsonNode listed = list.json().get(0);
    assertThat(names(listed)).containsExactly("id", "createdAt", "active", "data");
    assertThat(listed.get("id").asLong()).isEqualTo(runId);
    assertThat(listed.get("createdAt").asText()).isEqualTo(run.get("createdAt").asText());
    assertThat(listed.get("active").asBoolean()).isTrue();
    assertThat(listed.get("data")).isEqualTo(data);

    CliRun profile = CliRun.run("profile", "--db", db(), "00004");
    assertThat(profile.exitCode()).as(profile.toString()).isZero();
    JsonNode scores = profile.json().get("scores");
    assertThat(names(scores)).containsExactly("runId", "scoredAsOf", "probabilityAlive", "churnRisk",
        "expectedPurchases", "lifetimeValue", "lifetimeValueLow", "lifetimeValueHigh", "horizonMonths",
        "intervalLevel");
    assertThat(scores.get("runId").asLong()).isEqualTo(runId);
    assertThat(scores.get("scoredAsOf").asText()).isEqualTo("1998-06-30");
    double alive = scores.get("probabilityAlive").asDouble();
    assertThat(alive).isBetween(0.0, 1.0);
    assertThat(scores.get("churnRisk").asDouble()).isCloseTo(1.0 - alive, within(1e-12));
    assertThat(scores.get("expectedPurchases").asDouble()).isPositive();
    assertThat(scores.get("lifetimeValue").get("currency").asText()).isEqualTo("USD");
    double value = Double.parseDouble(scores.get("lifetimeValue").get("amount").asText());
    assertThat(Double.parseDouble(scores.get("lifetimeValueLow").get("amount").asText())).isLessThanOrEqualTo(value);
    assertThat(Double.parseDouble(scores.get("lifetimeValueHigh").get("amount").asText()))
        .isGreaterThanOrEqualTo(value);
    assertThat(value).isPositive();
    assertThat(scores.get("horizonMonths").asDouble()).isCloseTo(12.0, within(1e-9));
    assertThat(scores.get("intervalLevel").asDouble()).isEqualTo(0.9);
  }

  @Test
  void refresh_badOptionsExit2_emptyDatabaseExits1() {
    CliRun zero = CliRun.run("models", "refresh", "--db", db(), "--holdout-weeks", "0");
    CliRun model = CliRun.run("models", "refresh", "--db", db(), "--model", "weibull");
    CliRun noCommand = CliRun.run("models");

    for (CliRun r : List.of(zero, model, noCommand)) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(CustintelCli.USAGE);
      assertThat(r.out()).isEmpty();
    }
    assertThat(zero.err()).contains("--holdout-weeks must be 1 or more (was 0)");
    assertThat(model.err()).contains("--model", "weibull");
    assertThat(noCommand.err()).contains("models refresh");

    assertThat(CliRun.run("import", "--db", db(), "--format", "orders-csv",
        CliRun.resource("orders-good.csv").toString()).exitCode()).isZero();
    CliRun tooEarly = CliRun.run("models", "refresh", "--db", db(), "--as-of", "2000-01-01");

    assertThat(tooEarly.exitCode()).as(tooEarly.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(tooEarly.out()).isEmpty();
    assertThat(tooEarly.err().strip().lines()).singleElement().asString().startsWith("custintel: ")
        .contains("asOf");
  }

  /** Before: exit 1 with "Invalid summaries: need at least one customer with frequency > 0; ...". */
  @Test
  void refresh_oneTimeBuyersOnly_exit1SayingWhatIsNeededAndWhatThereIs() throws IOException {
    Path file = dir.resolve("two-one-time-buyers.txt");
    Files.writeString(file, "00001 19970101 1 10.00\n00002 19970102 1 20.00\n");
    assertThat(CliRun.run("import", "--db", db(), "--format", "cdnow", file.toString()).exitCode()).isZero();

    CliRun refresh = CliRun.run("models", "refresh", "--db", db());

    assertThat(refresh.exitCode()).as(refresh.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(refresh.out()).isEmpty();
    assertThat(refresh.err().strip().lines()).singleElement().asString()
        .startsWith("custintel: Not enough data for a model run")
        .contains("at least 1 repeat customer")
        .contains("has 0 among 2 customers with 2 purchases in USD up to 1997-01-02");
    CliRun list = CliRun.run("models", "list", "--db", db());
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.json()).isEmpty();
  }
}
