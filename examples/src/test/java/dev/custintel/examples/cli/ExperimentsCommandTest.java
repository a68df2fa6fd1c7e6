package dev.custintel.examples.cli;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.experiments.AssignmentPage;
import dev.custintel.analytics.experiments.Experiment;
import dev.custintel.analytics.experiments.ExperimentStatus;
import dev.custintel.core.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code experiments} on the CDNOW sample with a run as of 1998-06-30, against H2 (a file) and PostgreSQL: a win-back
 * experiment on the customers at churn risk 0.5 or more, end to end through the CLI. Create (started at once), the
 * CSV of every eligible customer (each row's arm is {@link dev.custintel.analytics.experiments.Assignment}'s, the
 * rows the SDK's pages), exposure from standard input in batches of 10,000 (a failing second batch leaves the first
 * recorded), from a file (twice: the second time every customer is already exposed), the analysis (exposed per arm
 * as the CSV counts them), stop, and the failures: starting a stopped experiment, an unknown experiment or customer,
 * bad options.
 */
class ExperimentsCommandTest extends CliDatabaseFixture {
  private static final String NAME = "win-back-cli";
  private static final List<Double> WEIGHTS = List.of(1.0, 3.0);

  @Test
  void anExperimentEndToEnd() throws IOException {
    CliRun imported = CliRun.run("import", "--db", db(), "--format", "cdnow",
        TestData.file("clv/CDNOW_sample.txt").toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    CliRun refreshed = CliRun.run("models", "refresh", "--db", db(), "--as-of", "1998-06-30");
    assertThat(refreshed.exitCode()).as(refreshed.toString()).isZero();

    // create --start
    CliRun created = CliRun.run("experiments", "create", "--db", db(), "--name", NAME, "--description",
        "Win-back email against none", "--arms", "holdout:1,email:3", "--metric", "conversion", "--window-days",
        "60", "--mde", "0.05", "--confidence", "0.9", "--action", "win_back", "--min-risk", "0.5", "--start");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    JsonNode e = created.json();
    long id = e.path("id").asLong();
    assertThat(id).isPositive();
    assertThat(e.path("status").asText()).isEqualTo("running");
    assertThat(e.path("startedAt").isTextual()).as(created.out()).isTrue();
    assertThat(e.path("stoppedAt").isNull()).isTrue();
    assertThat(e.path("exposures").asLong()).isZero();
    JsonNode d = e.path("definition");
    assertThat(d.path("name").asText()).isEqualTo(NAME);
    assertThat(d.path("description").asText()).isEqualTo("Win-back email against none");
    assertThat(d.path("arms")).hasSize(2);
    assertThat(d.path("arms").get(0).path("name").asText()).isEqualTo("holdout");
    assertThat(d.path("arms").get(1).path("name").asText()).isEqualTo("email");
    assertThat(d.path("arms").get(1).path("weight").asDouble()).isEqualTo(3.0);
    assertThat(d.path("metric").asText()).isEqualTo("conversion");
    assertThat(d.path("windowDays").asInt()).isEqualTo(60);
    assertThat(d.path("minimumDetectableEffect").asDouble()).isEqualTo(0.05);
    assertThat(d.path("confidenceLevel").asDouble()).isEqualTo(0.9);
    assertThat(d.path("action").asText()).isEqualTo("win_back");
    assertThat(d.path("eligibility").path("minimumChurnRisk").asDouble()).isEqualTo(0.5);
    assertThat(d.path("eligibility").path("segment").isNull()).isTrue();

    CliRun listed = CliRun.run("experiments", "list", "--db", db());
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.json()).hasSize(1);
    assertThat(listed.json().get(0).path("id").asLong()).isEqualTo(id);
    assertThat(listed.json().get(0).path("status").asText()).isEqualTo("running");

    // assign: every eligible customer as CSV, each on the arm the hash gives, the same rows as the SDK's pages
    CliRun csv = CliRun.run("experiments", "assign", "--db", db(), Long.toString(id), "--output", "csv");
    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("customer_id,arm,arm_name");
    List<String> ids = new ArrayList<>();
    long[] perArm = new long[2];
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertThat(f).as(line).hasSize(3);
      int arm = Integer.parseInt(f[1]);
      assertThat(arm).as(line).isEqualTo(dev.custintel.analytics.experiments.Assignment.arm(NAME, f[0], WEIGHTS));
      assertThat(f[2]).as(line).isEqualTo(arm == 0 ? "holdout" : "email");
      ids.add(f[0]);
      perArm[arm]++;
    }
    assertThat(ids.size()).as("eligible customers").isGreaterThan(100);
    assertThat(perArm[0]).as("holdout").isPositive().isLessThan(perArm[1]);
    String ineligible;
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db()).rescoreOnIngest(false).build()) {
      List<String> sdk = new ArrayList<>();
      String cursor = null;
      do {
        AssignmentPage page = ci.experiments().assignments(id, 500, cursor);
        page.assignments().forEach(a -> sdk.add(a.customerId()));
        cursor = page.nextCursor();
      } while (cursor != null);
      assertThat(ids).isEqualTo(sdk);
      Set<String> eligible = new HashSet<>(ids);
      assertThat(eligible).as("the customers at churn risk 0.5 or more")
          .isEqualTo(ci.churn().atRisk(10_000, 0.5).stream().map(AtRiskCustomer::customerId).collect(toSet()));
      ineligible = ci.churn().atRisk(10_000).stream().map(AtRiskCustomer::customerId)
          .filter(c -> !eligible.contains(c)).findFirst().orElseThrow();
    }
    CliRun json = CliRun.run("experiments", "assign", "--db", db(), Long.toString(id));
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json()).hasSize(ids.size());
    assertThat(json.json().get(0).path("customerId").asText()).isEqualTo(ids.get(0));
    assertThat(json.json().get(0).path("eligible").asBoolean()).isTrue();

    // assign given customers: one eligible, one not
    CliRun two = CliRun.run("experiments", "assign", "--db", db(), Long.toString(id), ids.get(0), ineligible);
    assertThat(two.exitCode()).as(two.toString()).isZero();
    assertThat(two.json()).hasSize(2);
    JsonNode first = two.json().get(0);
    assertThat(first.path("customerId").asText()).isEqualTo(ids.get(0));
    assertThat(first.path("arm").asInt())
        .isEqualTo(dev.custintel.analytics.experiments.Assignment.arm(NAME, ids.get(0), WEIGHTS));
    assertThat(first.path("eligible").asBoolean()).isTrue();
    JsonNode second = two.json().get(1);
    assertThat(second.path("customerId").asText()).isEqualTo(ineligible);
    assertThat(second.path("eligible").asBoolean()).as(two.out()).isFalse();
    assertThat(second.path("reason").asText()).as(two.out()).isNotBlank();
    assertThat(second.path("arm").asInt())
        .isEqualTo(dev.custintel.analytics.experiments.Assignment.arm(NAME, ineligible, WEIGHTS));

    // expose from standard input: the first half of the customers over and over for one full batch of 10,000,
    // then an unknown customer in the second batch: the first stays recorded, and the message says so
    List<String> half = ids.subList(0, ids.size() / 2);
    StringBuilder stdin = new StringBuilder();
    for (int i = 0; i < 10_000; i++) { // the most the SDK takes in one call
      stdin.append(half.get(i % half.size())).append(i % 7 == 0 ? "\n\n" : "\n");
    }
    stdin.append("nobody-at-all\n").append(ids.get(ids.size() - 1)).append('\n');
    CliRun partial = withStdin(stdin.toString(),
        () -> CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), "--file", "-"));
    assertThat(partial.exitCode()).as(partial.toString()).isEqualTo(1);
    assertThat(partial.out()).isEmpty();
    assertThat(partial.err()).contains("nobody-at-all", "batch 2", half.size() + " recorded");
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db()).rescoreOnIngest(false).build()) {
      assertThat(ci.experiments().get(id).exposures()).isEqualTo(half.size());
    }

    // expose a file of every eligible customer (blank lines and spaces around ids are ignored), then again
    Path file = dir.resolve("exposed.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      text.append(i % 5 == 0 ? "  " + ids.get(i) + " \r\n\n" : ids.get(i) + "\n");
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
    CliRun exposed = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), "--file", file.toString());
    assertThat(exposed.exitCode()).as(exposed.toString()).isZero();
    assertThat(JsonChecks.names(exposed.json())).containsExactly("ids", "recorded", "alreadyExposed", "repeated");
    assertThat(exposed.json().path("ids").asLong()).isEqualTo(ids.size());
    assertThat(exposed.json().path("repeated").asLong()).isZero();
    assertThat(exposed.json().path("recorded").asLong()).isEqualTo(ids.size() - half.size());
    assertThat(exposed.json().path("alreadyExposed").asLong()).isEqualTo(half.size());
    CliRun again = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), "--file", file.toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.json().path("recorded").asLong()).isZero();
    assertThat(again.json().path("alreadyExposed").asLong()).isEqualTo(ids.size());
    // The same id twice in one call is one customer: every id read is accounted for.
    CliRun twice = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), ids.get(0), ids.get(0));
    assertThat(twice.exitCode()).as(twice.toString()).isZero();
    assertThat(twice.json().path("ids").asLong()).isEqualTo(2);
    assertThat(twice.json().path("alreadyExposed").asLong()).isEqualTo(1);
    assertThat(twice.json().path("repeated").asLong()).isEqualTo(1);

    // expose errors: an unknown customer, an ineligible one, --at before the start, neither ids nor --file
    CliRun unknownCustomer = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), "nobody-at-all");
    assertThat(unknownCustomer.exitCode()).as(unknownCustomer.toString()).isEqualTo(1);
    assertThat(unknownCustomer.err()).contains("nobody-at-all");
    CliRun notEligible = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), ineligible);
    assertThat(notEligible.exitCode()).as(notEligible.toString()).isEqualTo(1);
    assertThat(notEligible.err()).contains(ineligible);
    CliRun early = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), "--at",
        "2000-01-01T00:00:00Z", ids.get(0));
    assertThat(early.exitCode()).as(early.toString()).isEqualTo(2);
    assertThat(early.firstErrLine()).contains("--at");
    CliRun nothing = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id));
    assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(2);
    assertThat(nothing.firstErrLine()).contains("--file");

    // analyze: the exposed per arm are the CSV's counts, all still in their window
    CliRun analyzed = CliRun.run("experiments", "analyze", "--db", db(), Long.toString(id));
    assertThat(analyzed.exitCode()).as(analyzed.toString()).isZero();
    JsonNode r = analyzed.json();
    assertThat(r.path("experiment").path("id").asLong()).isEqualTo(id);
    assertThat(r.path("experiment").path("exposures").asLong()).isEqualTo(ids.size());
    assertThat(r.path("currency").asText()).isEqualTo("USD");
    assertThat(r.path("arms")).hasSize(2);
    for (int arm = 0; arm < 2; arm++) {
      JsonNode a = r.path("arms").get(arm);
      assertThat(a.path("arm").asInt()).isEqualTo(arm);
      assertThat(a.path("exposed").asLong()).as(analyzed.out()).isEqualTo(perArm[arm]);
      assertThat(a.path("measured").asLong()).as("windows still open").isZero();
    }
    assertThat(r.path("pending").asLong()).isEqualTo(ids.size());
    assertThat(r.path("comparisons")).hasSize(1);
    assertThat(r.path("comparisons").get(0).path("name").asText()).isEqualTo("email");
    assertThat(r.path("finished").asBoolean()).isFalse();
    assertThat(r.path("summary").asText()).isNotBlank();

    // stop; a stopped experiment neither starts again nor takes exposures
    CliRun stopped = CliRun.run("experiments", "stop", "--db", db(), Long.toString(id));
    assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
    assertThat(stopped.json().path("status").asText()).isEqualTo("stopped");
    assertThat(stopped.json().path("stoppedAt").isTextual()).isTrue();
    CliRun restart = CliRun.run("experiments", "start", "--db", db(), Long.toString(id));
    assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(1);
    assertThat(restart.out()).isEmpty();
    assertThat(restart.err().lines().toList()).as(restart.err()).hasSize(1);
    assertThat(restart.firstErrLine()).startsWith("custintel: ").containsIgnoringCase("stopped")
        .doesNotContain("Exception");
    CliRun late = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), ids.get(0));
    assertThat(late.exitCode()).as(late.toString()).isEqualTo(1);
    assertThat(late.firstErrLine()).containsIgnoringCase("stopped");
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db()).rescoreOnIngest(false).build()) {
      Experiment sdk = ci.experiments().get(id);
      assertThat(sdk.status()).isEqualTo(ExperimentStatus.STOPPED);
      assertThat(sdk.exposures()).isEqualTo(ids.size());
    }
  }

  @Test
  void sampleSize_isTheCalculators_withoutADatabase() {
    CliRun r = CliRun.run("experiments", "sample-size", "--baseline", "0.10", "--mde", "0.02");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.json().path("perArm").asLong()).isEqualTo(3841);
    assertThat(r.json().path("total").asLong()).isEqualTo(7682);
    CliRun strict = CliRun.run("experiments", "sample-size", "--baseline", "0.3", "--mde", "-0.05", "--alpha", "0.01",
        "--power", "0.9");
    assertThat(strict.json().path("perArm").asLong())
        .isEqualTo(dev.custintel.analytics.experiments.ExperimentStats.sampleSizePerArm(0.3, -0.05, 0.01, 0.9));
    CliRun bad = CliRun.run("experiments", "sample-size", "--baseline", "1.2", "--mde", "0.02");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--baseline");
    CliRun badPower = CliRun.run("experiments", "sample-size", "--baseline", "0.1", "--mde", "0.02", "--power", "1");
    assertThat(badPower.exitCode()).isEqualTo(2);
    assertThat(badPower.err()).contains("--power");
  }

  @Test
  void unknownExperimentsCustomersAndBadOptions() {
    CliRun imported = CliRun.run("import", "--db", db(), "--format", "cdnow",
        TestData.file("clv/CDNOW_sample.txt").toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();

    // a draft on everyone (no model run needed): assign works, expose needs it started
    CliRun created = CliRun.run("experiments", "create", "--db", db(), "--name", "subject-line", "--metric",
        "revenue", "--mde", "5");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    long id = created.json().path("id").asLong();
    assertThat(created.json().path("status").asText()).isEqualTo("draft");
    assertThat(created.json().path("startedAt").isNull()).isTrue();
    assertThat(created.json().path("definition").path("metric").asText()).isEqualTo("revenue");
    assertThat(created.json().path("definition").path("action").isNull()).isTrue();
    assertThat(created.json().path("definition").path("arms").get(0).path("name").asText()).isEqualTo("control");
    CliRun assigned = CliRun.run("experiments", "assign", "--db", db(), Long.toString(id), "00004");
    assertThat(assigned.exitCode()).as(assigned.toString()).isZero();
    assertThat(assigned.json().get(0).path("arm").asInt())
        .isEqualTo(dev.custintel.analytics.experiments.Assignment.arm("subject-line", "00004", List.of(1.0, 1.0)));
    CliRun draft = CliRun.run("experiments", "expose", "--db", db(), Long.toString(id), "00004");
    assertThat(draft.exitCode()).as(draft.toString()).isEqualTo(1);
    assertThat(draft.firstErrLine()).containsIgnoringCase("draft");
    CliRun duplicate = CliRun.run("experiments", "create", "--db", db(), "--name", "subject-line");
    assertThat(duplicate.exitCode()).as(duplicate.toString()).isEqualTo(1);
    assertThat(duplicate.firstErrLine()).contains("subject-line");

    // an unknown experiment
    long unknown = id + 1000;
    for (String command : List.of("start", "stop", "analyze")) {
      CliRun run = CliRun.run("experiments", command, "--db", db(), Long.toString(unknown));
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.firstErrLine()).as(command).contains(Long.toString(unknown));
      assertThat(run.out()).isEmpty();
    }
    CliRun assignUnknown = CliRun.run("experiments", "assign", "--db", db(), Long.toString(unknown), "00004");
    assertThat(assignUnknown.exitCode()).as(assignUnknown.toString()).isEqualTo(1);
    assertThat(assignUnknown.firstErrLine()).contains(Long.toString(unknown));

    // an unknown customer
    CliRun nobody = CliRun.run("experiments", "assign", "--db", db(), Long.toString(id), "00004", "nobody-at-all");
    assertThat(nobody.exitCode()).as(nobody.toString()).isEqualTo(1);
    assertThat(nobody.firstErrLine()).contains("nobody-at-all");
    assertThat(nobody.out()).isEmpty();

    // bad options: usage errors naming the option, and nothing created
    List<List<String>> bad = List.of(
        List.of("--arms", "control"),
        List.of("--arms", "control:1,treatment:x"),
        List.of("--arms", "control:1,control:2"),
        List.of("--arms", "control:1,treatment:-1"),
        List.of("--arms", "control:1,:1"));
    for (List<String> options : bad) {
      List<String> args = new ArrayList<>(List.of("experiments", "create", "--db", db(), "--name", "bad"));
      args.addAll(options);
      CliRun run = CliRun.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(options + "\n" + run).isEqualTo(2);
      assertThat(run.firstErrLine()).as(options.toString()).contains("--arms");
    }
    List<List<String>> others = List.of(
        List.of("--metric", "clicks"),
        List.of("--window-days", "0"),
        List.of("--mde", "1.5"),
        List.of("--confidence", "1"),
        List.of("--action", "none"),
        List.of("--segment", "no_such_segment"),
        List.of("--preset", "klaviyo"),
        List.of("--min-risk", "2"));
    for (List<String> options : others) {
      List<String> args = new ArrayList<>(List.of("experiments", "create", "--db", db(), "--name", "bad"));
      args.addAll(options);
      CliRun run = CliRun.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(options + "\n" + run).isEqualTo(2);
      assertThat(run.firstErrLine()).as(options.toString()).contains(options.get(0));
    }
    CliRun csvWithIds = CliRun.run("experiments", "assign", "--db", db(), Long.toString(id), "--output", "csv",
        "00004");
    assertThat(csvWithIds.exitCode()).isEqualTo(2);
    assertThat(csvWithIds.firstErrLine()).contains("--output");
    CliRun missing = CliRun.run("experiments", "--db", db());
    assertThat(missing.exitCode()).isEqualTo(2);
    CliRun listed = CliRun.run("experiments", "list", "--db", db());
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    Set<String> names = new LinkedHashSet<>();
    listed.json().forEach(x -> names.add(x.path("definition").path("name").asText()));
    assertThat(names).containsExactly("subject-line");
  }

  private static CliRun withStdin(String input, java.util.function.Supplier<CliRun> run) {
    InputStream in = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return run.get();
    } finally {
      System.setIn(in);
    }
  }
}
