package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.churn.ChurnSummary;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.model.Money;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model refresh through {@code POST /api/models/refresh} while readers hammer the endpoints that answer with
 * scores: the full at-risk list (every customer of the run), a short one, the churn summary, one customer's churn
 * risk and profile (with the profile cache on, as in production). The data is the first 1,200 customers of the CDNOW
 * sample. The two runs differ in every customer's score (the first is as of 1998-05-31, the refresh as of the day of
 * the latest purchase, 1998-06-30), and both runs' score sets are recorded from the SDK. Every answer must be
 * entirely the old run or entirely the new one; every answer to a request sent after the refresh answered must be
 * the new one.
 */
class RefreshDuringReadsTest extends OnBothDatabases {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate OLD_AS_OF = LocalDate.of(1998, 5, 31);
  private static final int READERS = 6;
  private static final int SHORT_LIST = 50;
  /** Customers of the CDNOW sample loaded: about half of it, enough for stable fits and a refresh of seconds. */
  private static final int CUSTOMERS = 1_200;
  /** Profiles read into the cache before the refresh; the readers read twice as many. */
  private static final int WARM = 60;
  @TempDir
  Path tmp;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

  /** What one run answers, from the SDK. */
  private record Run(long id, LocalDate asOf, List<String> all, List<String> top, Map<String, String> byCustomer,
      Map<String, Double> risk, String summary) {}

  /** An answer: which run it was entirely, and when its request was sent. */
  private record Seen(String what, long sentNanos, long runId) {}

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void readersSeeOneRunOrTheOtherNeverAMix() throws Exception {
    try (TestDatabase db = newDatabase.get()) {
      try (TestServer server = TestServer.start("spring.datasource.url=" + db.jdbcUrl(),
          "custintel.security.enabled=false")) {
        long started = System.nanoTime();
        CustomerIntelligence ci = server.context().getBean(CustomerIntelligence.class);
        ci.ingestion().importFile(firstCustomers(CUSTOMERS), ImportFormat.CDNOW, ImportOptions.defaults());
        ci.models().refresh(ModelRunRequest.builder().asOf(OLD_AS_OF).backtest(false).noAffinity().build());
        Run old = record(ci);
        long prepared = System.nanoTime();
        List<String> customers = new ArrayList<>(new java.util.TreeSet<>(old.byCustomer().keySet()));
        Collections.shuffle(customers, new Random(7));
        String base = server.base();
        // Warm the profile cache with the old run, so that a cache that outlives the activation shows.
        for (int i = 0; i < WARM; i++) {
          get(base, "/api/customers/" + customers.get(i));
        }

        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        ConcurrentLinkedQueue<Object[]> answers = new ConcurrentLinkedQueue<>();
        for (int r = 0; r < READERS; r++) {
          Random random = new Random(r);
          Thread t = new Thread(() -> {
            while (!stop.get()) {
              String customer = customers.get(random.nextInt(2 * WARM));
              String path = switch (random.nextInt(5)) {
                case 0 -> "/api/churn/at-risk?limit=10000&minRisk=0";
                case 1 -> "/api/churn/at-risk?limit=" + SHORT_LIST + "&minRisk=0.5";
                case 2 -> "/api/churn/summary";
                case 3 -> "/api/customers/" + customer + "/churn-risk";
                default -> "/api/customers/" + customer;
              };
              long sent = System.nanoTime();
              HttpResponse<String> response = get(base, path);
              answers.add(new Object[] {path, sent, response});
            }
          }, "reader-" + r);
          t.setDaemon(true);
          t.start();
          readers.add(t);
        }

        Thread.sleep(1_000);
        long refreshSent = System.nanoTime();
        HttpResponse<String> refreshed = post(base, "/api/models/refresh");
        long refreshAnswered = System.nanoTime();
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        long newId = json(refreshed.body()).path("id").asLong();
        assertThat(newId).isNotEqualTo(old.id());
        // Readers go on for a while after the refresh, then stop.
        Thread.sleep(2_000);
        stop.set(true);
        for (Thread t : readers) {
          t.join(TimeUnit.SECONDS.toMillis(60));
          assertThat(t.isAlive()).as(t.getName() + " still reading 60 s after the stop").isFalse();
        }
        long stopped = System.nanoTime();
        Run current = record(ci);
        assertThat(current.id()).as("the active run after the refresh").isEqualTo(newId);
        assertThat(current.asOf()).isAfter(old.asOf());
        assertThat(current.all()).hasSameSizeAs(old.all());
        for (String c : customers) {
          assertThat(current.byCustomer().get(c)).as("customer %s differs between the runs", c)
              .isNotEqualTo(old.byCustomer().get(c));
        }

        int during = 0;
        for (Object[] a : answers) {
          String path = (String) a[0];
          long sent = (Long) a[1];
          @SuppressWarnings("unchecked")
          HttpResponse<String> response = (HttpResponse<String>) a[2];
          long run = classify(path, response, old, current);
          if (run < 0) {
            continue;
          }
          if (sent < refreshAnswered && sent > refreshSent) {
            during++;
          }
          if (sent > refreshAnswered && run == old.id()) {
            violations.add(path + " sent " + (sent - refreshAnswered) / 1_000_000 + " ms after the refresh answered"
                + " still showed the old run " + old.id());
          }
          seen.add(new Seen(path, sent, run));
        }
        long oldAfter = seen.stream().filter(s -> s.sentNanos() > refreshAnswered && s.runId() == old.id()).count();
        long newSeen = seen.stream().filter(s -> s.runId() == current.id()).count();
        long oldSeen = seen.stream().filter(s -> s.runId() == old.id()).count();
        System.out.printf("RefreshDuringReadsTest [%s]: import and first run %d ms, refresh %d ms; %d answers (%d old"
                + " run, %d new run), %d sent during the refresh, %d of the old run sent after it%n", databaseName,
            (prepared - started) / 1_000_000, (refreshAnswered - refreshSent) / 1_000_000, seen.size(), oldSeen,
            newSeen, during, oldAfter);
        assertThat(violations).as("answers that were neither entirely the old run nor entirely the new one")
            .isEmpty();
        assertThat(oldSeen).as("answers of the old run").isPositive();
        assertThat(during).as("answers to requests sent while the refresh ran").isPositive();
        assertThat(newSeen).as("answers of the new run").isPositive();

        // Once the refresh answered, every reader sees the new run, the profile cache included.
        for (int i = 0; i < 2 * WARM; i++) {
          for (String path : List.of("/api/customers/" + customers.get(i),
              "/api/customers/" + customers.get(i) + "/churn-risk")) {
            long run = classify(path, get(base, path), old, current);
            assertThat(run).as(path + " after the refresh").isEqualTo(current.id());
          }
        }
        assertThat(violations).isEmpty();
        System.out.printf("RefreshDuringReadsTest [%s]: readers stopped in %d ms, checks %d ms%n", databaseName,
            (stopped - refreshAnswered) / 1_000_000 - 2_000, (System.nanoTime() - stopped) / 1_000_000);
      }
    }
  }

  /** @return the CDNOW sample's rows of customers 1 to {@code last}, in a file */
  private Path firstCustomers(int last) throws IOException {
    List<String> rows = Files.readAllLines(TestData.file("clv/CDNOW_sample.txt")).stream()
        .filter(row -> !row.isBlank() && Integer.parseInt(row.trim().split("\\s+")[1]) <= last)
        .toList();
    Path file = tmp.resolve("cdnow-first-" + last + ".txt");
    Files.write(file, rows);
    return file;
  }

  /** The run's answers, from the SDK: the full and the short at-risk lists, each customer's scores, the summary. */
  private static Run record(CustomerIntelligence ci) {
    ChurnSummary summary = ci.churn().summary();
    List<AtRiskCustomer> all = ci.churn().atRisk(10_000, 0.0);
    Map<String, String> byCustomer = new HashMap<>();
    Map<String, Double> risk = new HashMap<>();
    for (AtRiskCustomer c : all) {
      byCustomer.put(c.customerId(), key(c));
      risk.put(c.customerId(), c.churnRisk());
    }
    assertThat(summary.customers()).isEqualTo(all.size());
    return new Run(summary.runId(), summary.asOf(), all.stream().map(RefreshDuringReadsTest::key).toList(),
        ci.churn().atRisk(SHORT_LIST, 0.5).stream().map(RefreshDuringReadsTest::key).toList(), byCustomer, risk,
        summary.runId() + "|" + summary.asOf() + "|" + summary.customers() + "|" + summary.meanChurnRisk() + "|"
            + amount(summary.totalValueAtRisk()) + "|" + amount(summary.totalLifetimeValue()) + "|" + summary.high());
  }

  private static String key(AtRiskCustomer c) {
    return c.customerId() + "|" + c.churnRisk() + "|" + amount(c.valueAtRisk()) + "|" + amount(c.valueIfActive())
        + "|" + c.daysSinceLastPurchaseAtRun();
  }

  private static String key(JsonNode c) {
    return c.path("customerId").asText() + "|" + c.path("churnRisk").asDouble() + "|" + amount(c.path("valueAtRisk"))
        + "|" + amount(c.path("valueIfActive")) + "|" + c.path("daysSinceLastPurchaseAtRun").asLong();
  }

  private static String amount(Money m) {
    return m.amount().stripTrailingZeros().toPlainString() + " " + m.currency().getCurrencyCode();
  }

  private static String amount(JsonNode m) {
    return new BigDecimal(m.path("amount").asText()).stripTrailingZeros().toPlainString() + " "
        + m.path("currency").asText();
  }

  /**
   * @return the run this answer is entirely, or -1 (and a violation) when it is neither run entirely
   */
  private long classify(String path, HttpResponse<String> response, Run old, Run current) {
    if (response.statusCode() != 200) {
      violations.add(path + ": " + response.statusCode() + " " + response.body());
      return -1;
    }
    JsonNode body = json(response.body());
    List<Run> candidates = List.of(old, current);
    if (path.startsWith("/api/churn/at-risk")) {
      List<String> keys = new ArrayList<>();
      body.forEach(c -> keys.add(key(c)));
      boolean full = path.contains("limit=10000");
      for (Run run : candidates) {
        if (keys.equals(full ? run.all() : run.top())) {
          return run.id();
        }
      }
      long fromOld = keys.stream().filter(k -> old.byCustomer().containsValue(k)).count();
      long fromNew = keys.stream().filter(k -> current.byCustomer().containsValue(k)).count();
      violations.add(path + ": " + keys.size() + " customers, " + fromOld + " as the old run scored them, " + fromNew
          + " as the new one did");
      return -1;
    }
    if (path.equals("/api/churn/summary")) {
      String got = body.path("runId").asLong() + "|" + body.path("asOf").asText() + "|"
          + body.path("customers").asLong() + "|" + body.path("meanChurnRisk").asDouble() + "|"
          + amount(body.path("totalValueAtRisk")) + "|" + amount(body.path("totalLifetimeValue")) + "|"
          + body.path("high").asLong();
      for (Run run : candidates) {
        if (got.equals(run.summary())) {
          return run.id();
        }
      }
      violations.add(path + ": " + got + " is neither " + old.summary() + " nor " + current.summary());
      return -1;
    }
    if (path.endsWith("/churn-risk")) {
      long runId = body.path("runId").asLong();
      String customer = body.path("customerId").asText();
      for (Run run : candidates) {
        String expected = run.byCustomer().get(customer);
        String[] parts = expected == null ? new String[0] : expected.split("\\|");
        if (run.id() == runId && body.path("asOf").asText().equals(run.asOf().toString()) && parts.length == 5
            && parts[1].equals(String.valueOf(body.path("churnRisk").asDouble()))
            && parts[2].equals(amount(body.path("valueAtRisk")))
            && parts[4].equals(String.valueOf(body.path("daysSinceLastPurchaseAtRun").asLong()))) {
          return run.id();
        }
      }
      violations.add(path + ": " + response.body() + " is neither run's (old " + old.byCustomer().get(customer)
          + ", new " + current.byCustomer().get(customer) + ")");
      return -1;
    }
    // A profile: its scores' run id, as-of day and P(alive) must be one run's.
    JsonNode scores = body.path("scores");
    long runId = scores.path("runId").asLong();
    String customer = body.path("customerId").asText(body.path("id").asText());
    for (Run run : candidates) {
      Double risk = run.risk().get(customer);
      if (run.id() == runId && scores.path("scoredAsOf").asText().equals(run.asOf().toString()) && risk != null
          && Math.abs(1.0 - scores.path("probabilityAlive").asDouble() - risk) < 2e-4) {
        return run.id();
      }
    }
    violations.add(path + ": scores " + scores + " are neither run's (old risk " + old.risk().get(customer)
        + ", new " + current.risk().get(customer) + ")");
    return -1;
  }

  private HttpResponse<String> get(String base, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build());
  }

  private HttpResponse<String> post(String base, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("Not JSON: " + body, e);
    }
  }
}
