package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cohorts} on the CDNOW sample (6,919 purchases of 2,357 customers, all first buying in 1997-Q1), against H2
 * (a file) and PostgreSQL. Expected figures counted from the raw file with a Python script: quarter k = 1 holds 937
 * purchases of 524 customers for 33,629.63 USD; quarter k = 5 has 300 active customers.
 */
class CohortsCommandTest extends CliDatabaseFixture {

  private void importSample() {
    CliRun imported = CliRun.run("import", "--db", db(), "--format", "cdnow",
        TestData.file("clv/CDNOW_sample.txt").toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
  }

  @Test
  void quarterly_json_matchesTheRawFile() {
    importSample();

    CliRun run = CliRun.run("cohorts", "--db", db(), "--period", "quarter");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode t = run.json();
    assertThat(t.path("period").asText()).isEqualTo("quarter");
    assertThat(t.path("currency").asText()).isEqualTo("USD");
    assertThat(t.path("cohorts")).hasSize(1);
    JsonNode q1 = t.path("cohorts").get(0);
    assertThat(q1.path("cohort").asText()).isEqualTo("1997-Q1");
    assertThat(q1.path("customers").asLong()).isEqualTo(2357);
    JsonNode periods = q1.path("periods");
    assertThat(periods).hasSize(6); // 1997-Q1 to 1998-Q2
    assertThat(periods.get(1).path("active").asLong()).isEqualTo(524);
    assertThat(periods.get(1).path("orders").asLong()).isEqualTo(937);
    assertThat(periods.get(1).path("revenue").asText()).isEqualTo("33629.63");
    assertThat(periods.get(5).path("active").asLong()).isEqualTo(300);
    assertThat(periods.get(5).path("cumulativeRevenuePerCustomer").asText())
        .isEqualTo("103.56"); // 244,091.94 / 2,357 = 103.5604...
  }

  @Test
  void csv_hasOneRowPerCohortAndPeriod() {
    importSample();

    CliRun run = CliRun.run("cohorts", "--db", db(), "--period", "quarter", "--output", "csv");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("cohort,customers,index,active,activeOnOrAfter,retention,retentionOnOrAfter,"
        + "orders,revenue,cumulativeRevenuePerCustomer,currency");
    assertThat(lines).hasSize(7);
    assertThat(lines.get(2)).startsWith("1997-Q1,2357,1,524,").contains(",937,33629.63,").endsWith(",USD");
  }

  @Test
  void badOptions_exitWithTheFieldNamed() {
    importSample();

    CliRun period = CliRun.run("cohorts", "--db", db(), "--period", "fortnight");
    assertThat(period.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(period.err()).contains("period").contains("fortnight");

    CliRun range = CliRun.run("cohorts", "--db", db(), "--from", "1998-01-01", "--to", "1997-01-01");
    assertThat(range.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(range.err()).contains("from");

    CliRun zone = CliRun.run("cohorts", "--db", db(), "--zone", "Mars/Olympus");
    assertThat(zone.exitCode()).isEqualTo(CustintelCli.USAGE);
  }
}
