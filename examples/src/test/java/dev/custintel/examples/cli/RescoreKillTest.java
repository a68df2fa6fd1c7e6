package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14: re-scoring after ingestion survives kill -9. The CDNOW master file is split at 1997-09-30; the first
 * part is imported and a model run as of that day is activated; the CLI then imports the second part in a child JVM
 * (two writers, batches of 500) and is killed with SIGKILL once about half of it is written, when its re-scoring
 * lags behind its commits. Reopened, the facade takes up what the killed process left: every stored score must then
 * be the one a fresh re-scoring of the same orders gives. Before the change log in the batch's own transaction,
 * thousands of customers kept scores that missed their committed orders, and importing the file again (its orders
 * now unchanged) did not repair them.
 */
class RescoreKillTest extends CliDatabaseFixture {
  private static final LocalDate AS_OF = LocalDate.of(1997, 9, 30);
  private static final String[] COLUMNS = {"frequency", "recency", "age", "monetary_value", "p_alive",
      "expected_purchases", "ltv", "value_at_risk"};

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void importKilledUnderAnActiveRun_everyScoreIsCurrentOnceReopened() throws IOException, InterruptedException {
    Path[] parts = split(TestData.file("clv/CDNOW_master.txt"), dir);
    String url = db();
    long runId;
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(url).build()) {
      ci.ingestion().importFile(parts[0], ImportFormat.CDNOW, ImportOptions.defaults());
      runId = ci.models().refresh(ModelRunRequest.builder().asOf(AS_OF).backtest(false).noAffinity().build()).id();
    }

    KilledCli.Outcome killed = KilledCli.run(List.of("import", "--db", url, "--format", "cdnow", "--progress",
        "--batch-size", "500", "--writers", "2", parts[1].toString()), (reports, written) -> written >= 10_000);
    assertThat(killed.exitValue()).as("killed, not finished: %s", killed.lines()).isEqualTo(137);
    assertThat(killed.ordersWritten()).isBetween(10_000L, 20_000L);

    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(url).build()) {
      // Closing waits for the catch-up that opening started.
    }
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(url).rescoreOnIngest(false).build()) {
      StoreAccess access = StoreAccess.of(ci.store());
      Map<String, double[]> stored = scores(access, runId);
      List<String> ids = new ArrayList<>(stored.keySet());
      assertThat(ids).hasSize(23_570);
      ci.models().rescore(ids);
      Map<String, double[]> fresh = scores(access, runId);
      List<String> stale = new ArrayList<>();
      stored.forEach((id, s) -> {
        double[] f = fresh.get(id);
        for (int i = 0; i < s.length; i++) {
          if (Math.abs(s[i] - f[i]) > 1e-9 * Math.max(1, Math.abs(f[i]))) {
            stale.add(id + "." + COLUMNS[i] + ": " + s[i] + " != " + f[i]);
            break;
          }
        }
      });
      assertThat(stale).as("scores that missed committed orders").isEmpty();
      long left = access.read("left", h -> h.createQuery(access.sql("SELECT COUNT(*) FROM {changed_customers}"))
          .mapTo(Long.class).one());
      assertThat(left).as("changes left to re-score").isZero();
      // The killed import did commit orders after the run's day, for thousands of customers.
      long changed = access.read("changed", h -> h.createQuery(access.sql("SELECT COUNT(DISTINCT customer_id)"
              + " FROM {orders} WHERE placed_at >= :limit"))
          .bind("limit", AS_OF.plusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC))
          .mapTo(Long.class).one());
      assertThat(changed).isGreaterThan(2_000);
    }
  }

  /** Splits the CDNOW file (header, then rows with the day in the second field) at {@link #AS_OF}. */
  private static Path[] split(Path master, Path dir) throws IOException {
    List<String> lines = Files.readAllLines(master, StandardCharsets.US_ASCII);
    List<String> before = new ArrayList<>(List.of(lines.get(0)));
    List<String> after = new ArrayList<>(List.of(lines.get(0)));
    int limit = Integer.parseInt(AS_OF.toString().replace("-", ""));
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      int day = Integer.parseInt(line.trim().split("\\s+")[1]);
      (day <= limit ? before : after).add(line);
    }
    Path[] parts = {dir.resolve("cd1.txt"), dir.resolve("cd2.txt")};
    Files.write(parts[0], before, StandardCharsets.US_ASCII);
    Files.write(parts[1], after, StandardCharsets.US_ASCII);
    return parts;
  }

  private static Map<String, double[]> scores(StoreAccess access, long runId) {
    Map<String, double[]> out = new TreeMap<>();
    access.read("scores", h -> h.createQuery(access.sql("SELECT customer_id, " + String.join(", ", COLUMNS)
            + " FROM {customer_scores} WHERE run_id = :run"))
        .bind("run", runId)
        .map((rs, ctx) -> {
          double[] v = new double[COLUMNS.length];
          for (int i = 0; i < v.length; i++) {
            v[i] = rs.getDouble(i + 2);
          }
          out.put(rs.getString(1), v);
          return 0;
        })
        .list());
    return out;
  }
}
