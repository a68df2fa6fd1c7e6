package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.testing.TestData;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * {@code forecast} on the CDNOW sample, from the file (fitted on the calibration period) and from a database's
 * active run (H2 file and PostgreSQL, from {@link CliDatabaseFixture}): the JSON's shape, and the 39-week
 * existing-customer total of the BG/NBD, which is the holdout backtest's predicted total (about 1,653; see
 * ForecastsCdnowTest in sdk-analytics), also printed by {@code clv fit}.
 */
class ForecastCommandTest extends CliDatabaseFixture {

  private static String sample() {
    return TestData.file("clv/CDNOW_sample.txt").toString();
  }

  @Test
  void fromTheFile_jsonHasThePeriodsBothPartsAndTheBacktest() {
    CliRun run = CliRun.run("forecast", "--transactions", sample(), "--format", "cdnow",
        "--calibration-end", "1997-09-30", "--horizon-weeks", "39", "--model", "bgnbd");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode f = run.json();
    assertThat(f.path("model").asText()).isEqualTo("bgnbd");
    assertThat(f.path("currency").asText()).isEqualTo("USD");
    JsonNode periods = f.path("periods");
    assertThat(periods).hasSize(39);
    JsonNode first = periods.get(0);
    assertThat(first.path("index").asInt()).isEqualTo(1);
    assertThat(first.path("start").asText()).isEqualTo("1997-10-01");
    assertThat(periods.get(38).path("start").asText()).isEqualTo("1998-06-24");
    JsonNode existing = first.path("existingCustomers");
    assertThat(existing.path("expectedRepeatTransactions").isNumber()).isTrue();
    assertThat(existing.path("low").asDouble()).isLessThanOrEqualTo(existing.path("expectedRepeatTransactions")
        .asDouble());
    assertThat(existing.path("high").asDouble()).isGreaterThanOrEqualTo(existing.path("expectedRepeatTransactions")
        .asDouble());
    assertThat(existing.path("expectedRevenue").asText()).matches("[0-9]+\\.[0-9]{2}");
    assertThat(first.path("newCustomers").path("expectedRevenue").asText()).matches("[0-9]+\\.[0-9]{2}");
    // total = existing + new, per period, exactly (the total adds the two rounded amounts)
    for (JsonNode p : periods) {
      double sum = p.path("existingCustomers").path("expectedRepeatTransactions").asDouble()
          + p.path("newCustomers").path("expectedTransactions").asDouble();
      assertThat(p.path("total").path("expectedTransactions").asDouble()).isCloseTo(sum, within(1e-9));
      BigDecimal revenue = new BigDecimal(p.path("existingCustomers").path("expectedRevenue").asText())
          .add(new BigDecimal(p.path("newCustomers").path("expectedRevenue").asText()));
      assertThat(new BigDecimal(p.path("total").path("expectedRevenue").asText()))
          .isEqualByComparingTo(revenue);
    }
    double total = f.path("existingCustomers").path("expectedRepeatTransactions").asDouble();
    assertThat(total).isCloseTo(1653, within(5.0));

    CliRun fit = CliRun.run("clv", "fit", "--transactions", sample(), "--format", "cdnow",
        "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30");
    assertThat(fit.exitCode()).as(fit.toString()).isZero();
    double predicted = fit.json().path("backtest").path("predicted").path("bgnbd").asDouble();
    assertThat(total).isCloseTo(predicted, within(1e-6 * predicted));

    JsonNode model = f.path("newCustomers").path("model");
    assertThat(model.path("method").asText()).isIn("seasonalNaive", "holtWinters");
    assertThat(model.path("seasonalNaiveError").isNumber()).isTrue();
    assertThat(model.path("holtWintersError").isNumber()).isTrue();
    JsonNode backtest = f.path("backtest");
    assertThat(backtest.path("cutoff").asText()).isEqualTo("1997-05-20");
    assertThat(backtest.path("mape").isNumber()).isTrue();
    assertThat(backtest.path("periods")).hasSize(19);
    assertThat(backtest.path("periods").get(18).path("cumulativeActual").asLong()).isEqualTo(1098);
  }

  @Test
  void fromTheDatabase_usesTheActiveRun() {
    CliRun imported = CliRun.run("import", "--db", db(), "--format", "cdnow", sample());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    CliRun notReady = CliRun.run("forecast", "--db", db(), "--horizon-months", "3");
    assertThat(notReady.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(notReady.err()).contains("models refresh");

    CliRun refresh = CliRun.run("models", "refresh", "--db", db(), "--as-of", "1997-09-30", "--model", "bgnbd");
    assertThat(refresh.exitCode()).as(refresh.toString()).isZero();
    CliRun run = CliRun.run("forecast", "--db", db(), "--horizon-months", "9");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode f = run.json();
    assertThat(f.path("period").asText()).isEqualTo("month");
    assertThat(f.path("periods")).hasSize(9);
    assertThat(f.path("periods").get(1).path("start").asText()).isEqualTo("1997-11-01");
    // 9 months from 1997-10-01 cover the same 273 days as 39 weeks.
    assertThat(f.path("existingCustomers").path("expectedRepeatTransactions").asDouble()).isCloseTo(1653,
        within(5.0));
  }

  @Test
  void badOptions_areUsageErrors() {
    CliRun both = CliRun.run("forecast", "--transactions", sample(), "--format", "cdnow",
        "--calibration-end", "1997-09-30");
    assertThat(both.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(both.err()).contains("--horizon-weeks");

    CliRun none = CliRun.run("forecast", "--horizon-weeks", "4");
    assertThat(none.exitCode()).isEqualTo(CustintelCli.USAGE);

    CliRun horizon = CliRun.run("forecast", "--db", db(), "--horizon-weeks", "0");
    assertThat(horizon.exitCode()).isNotZero();
    assertThat(horizon.err()).contains("horizon");
  }
}
