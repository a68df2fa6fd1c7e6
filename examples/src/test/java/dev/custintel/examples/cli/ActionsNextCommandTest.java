package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.ActionCandidate;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.core.testing.TestData;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code actions next} on the CDNOW sample with a run as of 1998-06-30, against H2 (a file) and PostgreSQL: the
 * JSON is the SDK's answer, field by field; without a run, and for an unknown customer, it exits 1 with a message.
 */
class ActionsNextCommandTest extends CliDatabaseFixture {

  @Test
  void printsTheSdksAnswer_andFailsCleanlyWithoutARunOrCustomer() {
    CliRun imported = CliRun.run("import", "--db", db(), "--format", "cdnow",
        TestData.file("clv/CDNOW_sample.txt").toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    CliRun early = CliRun.run("actions", "next", "--db", db(), "00004");
    assertThat(early.exitCode()).as(early.toString()).isEqualTo(1);
    assertThat(early.err()).contains("custintel models refresh");

    CliRun refreshed = CliRun.run("models", "refresh", "--db", db(), "--as-of", "1998-06-30");
    assertThat(refreshed.exitCode()).as(refreshed.toString()).isZero();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db()).rescoreOnIngest(false).build()) {
      for (String id : List.of("00004", ci.churn().atRisk(1).get(0).customerId())) {
        CliRun run = CliRun.run("actions", "next", "--db", db(), id);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode a = run.json();
        NextBestAction sdk = ci.actions().next(id);
        assertThat(a.path("customerId").asText()).isEqualTo(id);
        assertThat(a.path("runId").asLong()).isEqualTo(sdk.runId());
        assertThat(a.path("action").asText()).isEqualTo(sdk.action().wireName());
        assertThat(new BigDecimal(a.path("expectedImpact").path("amount").asText()))
            .isEqualByComparingTo(sdk.expectedImpact().amount());
        assertThat(a.path("arithmetic").asText()).isEqualTo(sdk.arithmetic());
        assertThat(a.path("message").asText()).isEqualTo(sdk.message());
        JsonNode candidates = a.path("candidates");
        assertThat(candidates).hasSize(sdk.candidates().size());
        for (int i = 0; i < candidates.size(); i++) {
          ActionCandidate c = sdk.candidates().get(i);
          assertThat(candidates.get(i).path("action").asText()).isEqualTo(c.action().wireName());
          assertThat(candidates.get(i).path("eligible").asBoolean()).isEqualTo(c.eligible());
          assertThat(candidates.get(i).path("expectedValue").isNull()).isEqualTo(c.expectedValue() == null);
        }
      }
    }
    CliRun unknown = CliRun.run("actions", "next", "--db", db(), "nobody");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
    assertThat(unknown.err()).contains("nobody");
    CliRun usage = CliRun.run("actions", "--db", db());
    assertThat(usage.exitCode()).isEqualTo(2);
  }
}
