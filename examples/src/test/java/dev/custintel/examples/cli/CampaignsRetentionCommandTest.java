package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.campaigns.CampaignTarget;
import dev.custintel.analytics.campaigns.RetentionCampaign;
import dev.custintel.analytics.campaigns.RetentionOptions;
import dev.custintel.analytics.experiments.Assignment;
import dev.custintel.analytics.experiments.Eligibility;
import dev.custintel.analytics.experiments.Experiment;
import dev.custintel.analytics.experiments.ExperimentDefinition;
import dev.custintel.core.testing.TestData;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code campaigns retention} on the CDNOW sample with a run as of 1998-06-30, against H2 (a file) and PostgreSQL:
 * the JSON and the CSV carry the SDK's campaign, row by row; bad options are usage errors naming the option.
 */
class CampaignsRetentionCommandTest extends CliDatabaseFixture {

  @Test
  void jsonAndCsvAreTheSdksCampaign() {
    CliRun imported = CliRun.run("import", "--db", db(), "--format", "cdnow",
        TestData.file("clv/CDNOW_sample.txt").toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    CliRun refreshed = CliRun.run("models", "refresh", "--db", db(), "--as-of", "1998-06-30");
    assertThat(refreshed.exitCode()).as(refreshed.toString()).isZero();

    CliRun json = CliRun.run("campaigns", "retention", "--db", db(), "--min-risk", "0.6", "--limit", "30");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    CliRun csv = CliRun.run("campaigns", "retention", "--db", db(), "--min-risk", "0.6", "--limit", "30",
        "--output", "csv");
    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db()).rescoreOnIngest(false).build()) {
      RetentionCampaign sdk = ci.campaigns().retention(RetentionOptions.defaults().withMinimumChurnRisk(0.6)
          .withLimit(30));
      JsonNode c = json.json();
      assertThat(c.path("customers")).hasSize(30);
      List<String> lines = csv.out().lines().toList();
      assertThat(lines.get(0)).isEqualTo("customer_id,churn_risk,value_at_risk,action,expected_impact,currency");
      assertThat(lines).hasSize(31);
      for (int i = 0; i < 30; i++) {
        CampaignTarget t = sdk.customers().get(i);
        JsonNode row = c.path("customers").get(i);
        assertThat(row.path("customerId").asText()).isEqualTo(t.customerId());
        assertThat(row.path("action").asText()).isEqualTo(t.action().wireName());
        assertThat(new BigDecimal(row.path("valueAtRisk").path("amount").asText()))
            .isEqualByComparingTo(t.valueAtRisk().amount());
        String[] fields = lines.get(i + 1).split(",");
        assertThat(fields[0]).isEqualTo(t.customerId());
        assertThat(Double.parseDouble(fields[1])).isEqualTo(t.churnRisk());
        assertThat(new BigDecimal(fields[4])).isEqualByComparingTo(t.expectedImpact().amount());
        assertThat(fields[5]).isEqualTo("USD");
      }
      assertThat(new BigDecimal(c.path("totals").path("valueAtRisk").path("amount").asText()))
          .isEqualByComparingTo(sdk.totals().valueAtRisk().amount());
      assertThat(c.path("excluded")).isEmpty();
      assertThat(c.path("totals").path("excluded").asInt(-1)).isZero();

      // A running experiment over the same customers: its control group is left out and listed apart.
      Experiment e = ci.experiments().create(ExperimentDefinition.builder("hold-out")
          .eligibility(Eligibility.minimumChurnRisk(0.6)).build());
      ci.experiments().start(e.id());
      CliRun held = CliRun.run("campaigns", "retention", "--db", db(), "--min-risk", "0.6", "--limit", "30");
      assertThat(held.exitCode()).as(held.toString()).isZero();
      JsonNode h = held.json();
      assertThat(h.path("customers")).hasSize(30);
      assertThat(h.path("excluded")).isNotEmpty();
      assertThat(h.path("totals").path("excluded").asInt()).isEqualTo(h.path("excluded").size());
      for (JsonNode x : h.path("excluded")) {
        assertThat(x.path("reason").asText()).isEqualTo("control_group");
        assertThat(Assignment.arm("hold-out", x.path("customerId").asText(), List.of(1.0, 1.0))).isZero();
      }
      for (JsonNode t : h.path("customers")) {
        assertThat(Assignment.arm("hold-out", t.path("customerId").asText(), List.of(1.0, 1.0))).isEqualTo(1);
      }
      CliRun kept = CliRun.run("campaigns", "retention", "--db", db(), "--min-risk", "0.6", "--limit", "30",
          "--include-control-groups");
      assertThat(kept.json().path("excluded")).isEmpty();
      assertThat(kept.json().path("customers").get(0).path("customerId").asText())
          .isEqualTo(sdk.customers().get(0).customerId());
    }
    CliRun badDays = CliRun.run("campaigns", "retention", "--db", db(), "--contacted-within-days", "-1");
    assertThat(badDays.exitCode()).isEqualTo(2);
    assertThat(badDays.err()).contains("--contacted-within-days");

    CliRun badLimit = CliRun.run("campaigns", "retention", "--db", db(), "--limit", "0");
    assertThat(badLimit.exitCode()).isEqualTo(2);
    assertThat(badLimit.err()).contains("--limit");
    CliRun badRisk = CliRun.run("campaigns", "retention", "--db", db(), "--min-risk", "1.5");
    assertThat(badRisk.exitCode()).isEqualTo(2);
    assertThat(badRisk.err()).contains("--min-risk");
    CliRun badOutput = CliRun.run("campaigns", "retention", "--db", db(), "--output", "xml");
    assertThat(badOutput.exitCode()).isEqualTo(2);
  }
}
