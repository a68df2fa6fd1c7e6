package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.testing.TestData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code segments} on the CDNOW sample as of 1998-01-01, against H2 (a file) and PostgreSQL. Expected figures from
 * a Python script over the raw file (standard library only; each row one purchase, recency in whole days, L by
 * bisection): n = 2,357; rf-grid champions 378 (91,905.52 USD), loyal 221, potential_loyalist 301, promising 59,
 * need_attention 66, about_to_sleep 386, at_risk 80, cant_lose_them 7, hibernating 859; customer 00004: 20 days, 4
 * purchases, 100.50 USD, scores 5 5 4.
 */
class SegmentsCommandTest extends CliDatabaseFixture {

  private void importSample() {
    CliRun imported = CliRun.run("import", "--db", db(), "--format", "cdnow",
        TestData.file("clv/CDNOW_sample.txt").toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
  }

  @Test
  void report_json_matchesTheRawFile() {
    importSample();

    CliRun run = CliRun.run("segments", "--db", db(), "--as-of", "1998-01-01");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode r = run.json();
    assertThat(r.path("preset").asText()).isEqualTo("rf-grid");
    assertThat(r.path("asOf").asText()).isEqualTo("1998-01-01T00:00:00Z");
    assertThat(r.path("currency").asText()).isEqualTo("USD");
    assertThat(r.path("customers").asLong()).isEqualTo(2357);
    Map<String, Long> counts = new LinkedHashMap<>();
    r.path("segments").forEach(s -> counts.put(s.path("name").asText(), s.path("customers").asLong()));
    assertThat(counts).containsExactly(Map.entry("champions", 378L), Map.entry("loyal", 221L),
        Map.entry("potential_loyalist", 301L), Map.entry("new", 0L), Map.entry("promising", 59L),
        Map.entry("need_attention", 66L), Map.entry("about_to_sleep", 386L), Map.entry("at_risk", 80L),
        Map.entry("cant_lose_them", 7L), Map.entry("hibernating", 859L));
    JsonNode champions = r.path("segments").get(0);
    assertThat(champions.path("revenue").asText()).isEqualTo("91905.52");
    assertThat(champions.path("share").asDouble()).isEqualTo(378.0 / 2357);
    long rTotal = 0;
    for (int s = 1; s <= 5; s++) {
      rTotal += r.path("scores").path("R").path(Integer.toString(s)).asLong();
    }
    assertThat(rTotal).isEqualTo(2357);
  }

  @Test
  void oneCustomer_andAPageOfMembers() {
    importSample();

    CliRun one = CliRun.run("segments", "--db", db(), "--as-of", "1998-01-01", "--customer", "00004");
    assertThat(one.exitCode()).as(one.toString()).isZero();
    JsonNode c = one.json();
    assertThat(c.path("segment").asText()).isEqualTo("champions");
    assertThat(c.path("recencyDays").asLong()).isEqualTo(20);
    assertThat(c.path("frequency").asLong()).isEqualTo(4);
    assertThat(c.path("monetary").asText()).isEqualTo("100.50");
    assertThat("" + c.path("r").asInt() + c.path("f").asInt() + c.path("m").asInt()).isEqualTo("554");

    CliRun page = CliRun.run("segments", "--db", db(), "--as-of", "1998-01-01", "--members", "cant_lose_them",
        "--limit", "5");
    assertThat(page.exitCode()).as(page.toString()).isZero();
    JsonNode first = page.json();
    assertThat(first.path("items")).hasSize(5);
    CliRun rest = CliRun.run("segments", "--db", db(), "--as-of", "1998-01-01", "--members", "cant_lose_them",
        "--limit", "5", "--cursor", first.path("nextCursor").asText());
    assertThat(rest.json().path("items")).hasSize(2); // 7 in all
    assertThat(rest.json().path("nextCursor").isNull()).isTrue();
  }

  @Test
  void badOptions_exitWithTheFieldNamed() {
    importSample();

    CliRun preset = CliRun.run("segments", "--db", db(), "--preset", "rfm");
    assertThat(preset.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(preset.err()).contains("preset").contains("rf-grid, shopify or klaviyo");

    CliRun segment = CliRun.run("segments", "--db", db(), "--members", "vips");
    assertThat(segment.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(segment.err()).contains("segment").contains("vips");

    CliRun unknown = CliRun.run("segments", "--db", db(), "--customer", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(unknown.err()).contains("nobody");

    CliRun date = CliRun.run("segments", "--db", db(), "--as-of", "1998-13-01");
    assertThat(date.exitCode()).isEqualTo(CustintelCli.USAGE);
  }
}
