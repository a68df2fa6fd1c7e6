package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code events} after two model runs on the CDNOW sample (as of 1997-09-30, the baseline, then 1998-06-30), against
 * H2 (a file) and PostgreSQL: pages follow one another by {@code nextAfter} without gap or repeat, the filters hold,
 * and bad options are usage errors naming the option.
 */
class EventsCommandTest extends CliDatabaseFixture {

  @Test
  void pagesAndFilters_afterTwoModelRuns() {
    CliRun imported = CliRun.run("import", "--db", db(), "--format", "cdnow",
        TestData.file("clv/CDNOW_sample.txt").toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    CliRun none = CliRun.run("events", "--db", db());
    assertThat(none.exitCode()).as(none.toString()).isZero();
    assertThat(none.json().path("latestId").asLong()).isZero();
    for (String asOf : List.of("1997-09-30", "1998-06-30")) {
      CliRun run = CliRun.run("models", "refresh", "--db", db(), "--as-of", asOf);
      assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    CliRun all = CliRun.run("events", "--db", db(), "--limit", "1000");
    assertThat(all.exitCode()).as(all.toString()).isZero();
    long latest = all.json().path("latestId").asLong();
    assertThat(latest).isGreaterThan(100);

    List<Long> ids = new ArrayList<>();
    long after = 0;
    while (true) {
      JsonNode page = CliRun.run("events", "--db", db(), "--type", "churn_risk_alert", "--type",
          "high_value_customer", "--after", Long.toString(after), "--limit", "50").json();
      for (JsonNode e : page.path("events")) {
        assertThat(e.path("type").asText()).isIn("churn_risk_alert", "high_value_customer");
        assertThat(e.path("id").asLong()).isGreaterThan(after);
        ids.add(e.path("id").asLong());
      }
      if (page.path("events").size() < 50) {
        break;
      }
      after = page.path("nextAfter").asLong();
    }
    assertThat(ids).isNotEmpty().isSorted().doesNotHaveDuplicates();
    JsonNode alert = CliRun.run("events", "--db", db(), "--type", "churn_risk_alert", "--limit", "1").json()
        .path("events").get(0);
    assertThat(alert.path("payload").path("churnRisk").asDouble()).isGreaterThanOrEqualTo(0.8);
    String customer = alert.path("customerId").asText();
    JsonNode own = CliRun.run("events", "--db", db(), "--customer", customer).json();
    own.path("events").forEach(e -> assertThat(e.path("customerId").asText()).isEqualTo(customer));
    assertThat(own.path("events").size()).isPositive();
  }

  @Test
  void badOptions_areUsageErrors_namingTheOption() {
    CliRun type = CliRun.run("events", "--db", db(), "--type", "churn");
    assertThat(type.exitCode()).as(type.toString()).isEqualTo(CustintelCli.USAGE);
    assertThat(type.err()).contains("--type").contains("'churn'");
    CliRun limit = CliRun.run("events", "--db", db(), "--limit", "0");
    assertThat(limit.exitCode()).as(limit.toString()).isEqualTo(CustintelCli.USAGE);
    assertThat(limit.err()).contains("--limit");
    CliRun after = CliRun.run("events", "--db", db(), "--after", "-1");
    assertThat(after.exitCode()).as(after.toString()).isEqualTo(CustintelCli.USAGE);
    assertThat(after.err()).contains("--after");
  }
}
