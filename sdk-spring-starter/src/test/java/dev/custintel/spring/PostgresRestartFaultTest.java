package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.testing.TestData;
import dev.custintel.spring.testing.PrivatePostgres;
import dev.custintel.spring.testing.TestServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own PostgreSQL restarts under load, twice: {@code pg_ctl restart -m fast}, then {@code kill -9} of
 * the postmaster and its backends with a few seconds down before a start with crash recovery. Readers and writers
 * keep calling the API throughout, over an active model run (part of the CDNOW sample), so that every batch is also
 * re-scored under it after its commit. Every answer that is not 200 must be a clean 503 problem; the pool must serve
 * again after each restart without a server restart; a writer whose batch failed sends the same batch again until it
 * is acknowledged; and at the end the database holds exactly the acknowledged batches: every order once, with its
 * lines and amounts, and no batch in part.
 *
 * <p>The PostgreSQL server is a private throw-away one ({@link PrivatePostgres}), never the shared test server.
 */
class PostgresRestartFaultTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** How long the API may take to serve again once PostgreSQL accepts connections: generous, for a loaded machine. */
  private static final Duration RECOVERY = Duration.ofSeconds(30);
  private static final int SEED_CUSTOMERS = 40;
  private static final int READERS = 4;
  private static final int WRITERS = 3;
  private static final Pattern SQL_WORDS =
      Pattern.compile("(?i)\\b(select|insert|update|delete)\\b.*\\b(from|into|set)\\b");

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  /** Everything an answer did wrong, to report together at the end. */
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicLong acknowledgedAt = new AtomicLong();
  private final AtomicInteger retriedBatches = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  /** Acknowledged batches: order id to its lines (product, quantity, amount), and batch to its order ids. */
  private final Map<String, List<Line>> acknowledgedOrders = new ConcurrentHashMap<>();
  private final Map<String, List<String>> sentBatches = new ConcurrentHashMap<>();
  private final Map<String, Boolean> acknowledgedBatches = new ConcurrentHashMap<>();
  /** Customers of the active run, whom the readers read and the writers' orders go to. */
  private final List<String> scored = new java.util.concurrent.CopyOnWriteArrayList<>();

  @TempDir
  Path tmp;

  private record Line(String productId, int quantity, BigDecimal amount) {}

  private record Answer(int status, String contentType, String body) {}

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void restartsAndCrashesOfPostgresLoseNoAcknowledgedBatchAndServeAgain() throws Exception {
    long begun = System.nanoTime();
    try (PrivatePostgres pg = PrivatePostgres.start()) {
      long clusterReady = System.nanoTime();
      String url = pg.createDatabase("faults");
      long databaseCreated = System.nanoTime();
      String forbiddenPort = String.valueOf(pg.port());
      try (TestServer server = TestServer.start("spring.datasource.url=" + url,
          "custintel.security.enabled=false",
          "custintel.store.connection-timeout=1s",
          "custintel.store.profile-cache-size=0",
          "custintel.store.maximum-pool-size=10",
          "logging.level.com.zaxxer.hikari=ERROR")) {
        String base = server.base();
        long serverStarted = System.nanoTime();
        seed(base);
        // An active model run over part of the CDNOW sample, so that every acknowledged batch is also re-scored
        // under it (in the ingestion's wake) while PostgreSQL goes away.
        CustomerIntelligence ci = server.context().getBean(CustomerIntelligence.class);
        ci.ingestion().importFile(cdnowCustomers(300), ImportFormat.CDNOW, ImportOptions.defaults());
        ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 6, 30)).backtest(false).noAffinity()
            .build());
        scored.addAll(ci.churn().atRisk(10_000, 0.0).stream().map(AtRiskCustomer::customerId).sorted()
            .limit(SEED_CUSTOMERS).toList());
        assertThat(scored).hasSize(SEED_CUSTOMERS);
        long storedBefore = countOrders(url);

        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
          int id = r;
          threads.add(start("reader-" + r, () -> read(base, id, forbiddenPort)));
        }
        for (int w = 0; w < WRITERS; w++) {
          int id = w;
          threads.add(start("writer-" + w, () -> write(base, id, forbiddenPort)));
        }

        StringBuilder summary = new StringBuilder(String.format("cluster ready %d ms, database created %d ms, server"
            + " started %d ms, seeded with a model run %d ms; ", (clusterReady - begun) / 1_000_000,
            (databaseCreated - clusterReady) / 1_000_000, (serverStarted - databaseCreated) / 1_000_000,
            (System.nanoTime() - serverStarted) / 1_000_000));
        Thread.sleep(2_000);
        assertThat(ok.get()).as("answers before any fault").isPositive();
        assertThat(acknowledgedAt.get()).as("batches acknowledged before any fault").isPositive();

        // 1. A clean fast restart: PostgreSQL ends every session, shuts down and starts again.
        long t0 = System.nanoTime();
        pg.restartFast();
        long restarted = System.nanoTime();
        awaitServing(base, "after pg_ctl restart -m fast", pg);
        long served = System.nanoTime();
        summary.append(String.format("restart -m fast %d ms, serving again %d ms after; ",
            (restarted - t0) / 1_000_000, (served - restarted) / 1_000_000));
        Thread.sleep(1_500);

        // 2. A crash: kill -9 of the postmaster and every backend, down for 3 s, then crash recovery on start.
        t0 = System.nanoTime();
        pg.kill9();
        Thread.sleep(3_000);
        pg.startServer();
        restarted = System.nanoTime();
        awaitServing(base, "after kill -9 and crash recovery", pg);
        served = System.nanoTime();
        summary.append(String.format("kill -9 to started %d ms, serving again %d ms after; ",
            (restarted - t0) / 1_000_000, (served - restarted) / 1_000_000));
        Thread.sleep(1_500);

        stop.set(true);
        long stopping = System.nanoTime();
        for (Thread t : threads) {
          t.join(TimeUnit.SECONDS.toMillis(90));
          if (t.isAlive()) {
            violations.add(t.getName() + " still running 90 s after the stop: a hung request?");
          }
        }

        summary.append(String.format("%d answers 200, %d answers 503, %d batches acknowledged (%d orders), %d sent"
            + " again after a failure; threads stopped in %d ms", ok.get(), unavailable.get(),
            acknowledgedBatches.size(), acknowledgedOrders.size(), retriedBatches.get(),
            (System.nanoTime() - stopping) / 1_000_000));
        System.out.println("PostgresRestartFaultTest: " + summary);
        assertThat(violations).as("answers that were neither 200 nor a clean 503 problem (of %d ok, %d 503)",
            ok.get(), unavailable.get()).isEmpty();
        assertThat(unavailable.get()).as("503 answers while PostgreSQL was down: the faults were seen").isPositive();
        assertThat(retriedBatches.get()).as("batches sent again after a failure").isPositive();
        assertThat(sentBatches.keySet()).as("every batch sent was acknowledged in the end")
            .containsExactlyInAnyOrderElementsOf(acknowledgedBatches.keySet());
        checkDatabase(pg.jdbcUrl("faults"), storedBefore);
      }
    }
  }

  /** Seed customers with one order each, through the API. */
  private void seed(String base) {
    StringBuilder body = new StringBuilder("{\"customers\":[");
    for (int c = 0; c < SEED_CUSTOMERS; c++) {
      body.append(c == 0 ? "" : ",").append("{\"id\":\"").append(customer(c)).append("\",\"country\":\"DE\"}");
    }
    body.append("],\"orders\":[");
    for (int c = 0; c < SEED_CUSTOMERS; c++) {
      body.append(c == 0 ? "" : ",").append("{\"id\":\"seed-").append(c).append("\",\"customerId\":\"")
          .append(customer(c)).append("\",\"placedAt\":\"2026-01-0").append(1 + c % 9)
          .append("T10:00:00Z\",\"currency\":\"USD\",\"lines\":[")
          .append("{\"productId\":\"p-1\",\"quantity\":1,\"amount\":\"10.00\"}]}");
    }
    body.append("]}");
    Answer a = call(base, "POST", "/api/orders", body.toString());
    assertThat(a.status()).as(a.toString()).isEqualTo(200);
  }

  private void read(String base, int id, String port) {
    Random random = new Random(id);
    String[] paths = {
        "/api/customers/%s",
        "/api/customers?limit=20",
        "/api/customers/top?n=5&from=2026-01-01&to=2026-12-31",
        "/api/products?limit=10",
        "/api/customers/%s/churn-risk",
        "/api/churn/at-risk?limit=20&minRisk=0"};
    while (!stop.get()) {
      String path = paths[random.nextInt(paths.length)].replace("%s", scored.get(random.nextInt(SEED_CUSTOMERS)));
      check("GET " + path, call(base, "GET", path, null), port);
    }
  }

  private void write(String base, int id, String port) {
    Random random = new Random(100 + id);
    for (int b = 0; !stop.get(); b++) {
      String batch = "w" + id + "-b" + b;
      int orders = 2 + random.nextInt(4);
      StringBuilder body = new StringBuilder("{\"orders\":[");
      Map<String, List<Line>> lines = new TreeMap<>();
      for (int o = 0; o < orders; o++) {
        String orderId = batch + "-o" + o;
        List<Line> orderLines = new ArrayList<>();
        body.append(o == 0 ? "" : ",").append("{\"id\":\"").append(orderId).append("\",\"customerId\":\"")
            .append(scored.get(random.nextInt(SEED_CUSTOMERS))).append("\",\"placedAt\":\"")
            .append(Instant.parse("2026-02-01T00:00:00Z").plusSeconds(random.nextInt(200 * 86_400)))
            .append("\",\"currency\":\"USD\",\"lines\":[");
        int n = 1 + random.nextInt(4);
        for (int l = 0; l < n; l++) {
          Line line = new Line("p-" + (1 + random.nextInt(20)), 1 + random.nextInt(3),
              BigDecimal.valueOf(100 + random.nextInt(99_900), 2));
          orderLines.add(line);
          body.append(l == 0 ? "" : ",").append("{\"productId\":\"").append(line.productId())
              .append("\",\"quantity\":").append(line.quantity()).append(",\"amount\":\"")
              .append(line.amount().toPlainString()).append("\"}");
        }
        body.append("]}");
        lines.put(orderId, orderLines);
      }
      body.append("]}");
      sentBatches.put(batch, List.copyOf(lines.keySet()));

      // The same batch, unchanged, until it is acknowledged: after a failure it may or may not have been written.
      long giveUp = Long.MAX_VALUE;
      boolean failedBefore = false;
      while (true) {
        Answer a = call(base, "POST", "/api/orders", body.toString());
        check("POST /api/orders " + batch, a, port);
        if (a.status() == 200) {
          JsonNode result = json(a.body());
          if (result.path("ordersUpdated").asInt(-1) != 0
              || result.path("ordersInserted").asInt() + result.path("ordersUnchanged").asInt() != orders) {
            violations.add("batch " + batch + " (" + orders + " orders" + (failedBefore ? ", sent again" : "")
                + ") answered " + a.body());
          }
          acknowledgedOrders.putAll(lines);
          acknowledgedBatches.put(batch, true);
          acknowledgedAt.incrementAndGet();
          break;
        }
        if (!failedBefore) {
          failedBefore = true;
          retriedBatches.incrementAndGet();
        }
        if (stop.get() && giveUp == Long.MAX_VALUE) {
          giveUp = System.nanoTime() + RECOVERY.toNanos();
        }
        if (System.nanoTime() > giveUp) {
          violations.add("batch " + batch + " was never acknowledged; last answer " + a);
          return;
        }
        pause(200);
      }
    }
  }

  /** A 200, or a 503 problem that says the database is unavailable and gives nothing away; anything else is noted. */
  private void check(String what, Answer a, String port) {
    if (a.status() == 200) {
      ok.incrementAndGet();
      return;
    }
    List<String> wrong = new ArrayList<>();
    if (a.status() != 503) {
      wrong.add("status " + a.status());
    }
    if (!a.contentType().startsWith("application/problem+json")) {
      wrong.add("Content-Type " + a.contentType());
    }
    JsonNode problem = a.status() < 0 ? null : jsonOrNull(a.body());
    String type = problem == null ? "" : problem.path("type").asText("");
    if (!type.startsWith("urn:custintel:problem:")) {
      wrong.add("no problem type");
    }
    // The reference is random hex and may contain the port's digits: leave it out of the search.
    String reference = problem == null ? "" : problem.path("reference").asText("");
    String body = reference.isEmpty() ? a.body() : a.body().replace(reference, "");
    if (body.contains("jdbc:") || body.contains(port) || body.toLowerCase().contains("password")
        || body.toLowerCase().contains("<html") || body.contains("Exception") || SQL_WORDS.matcher(body).find()) {
      wrong.add("gives away internals");
    }
    if (wrong.isEmpty()) {
      unavailable.incrementAndGet();
    } else if (violations.size() < 50) {
      violations.add(what + ": " + wrong + " in " + a);
    }
  }

  /** Once PostgreSQL is up again, the same server must answer 200 within {@link #RECOVERY}. */
  private void awaitServing(String base, String when, PrivatePostgres pg) {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    long acknowledged = acknowledgedAt.get();
    Answer last = null;
    while (System.nanoTime() < deadline) {
      last = call(base, "GET", "/api/customers/" + scored.get(0), null);
      if (last.status() == 200 && acknowledgedAt.get() > acknowledged) {
        return;
      }
      pause(200);
    }
    fail("The server did not serve reads and acknowledge writes within " + RECOVERY + " " + when + "; last read: "
        + last + "\nPostgreSQL log:\n" + pg.logTail());
  }

  /** What the database holds: exactly the acknowledged orders, each once, with their lines; no batch in part. */
  private void checkDatabase(String url, long storedBefore) throws Exception {
    Map<String, List<Line>> stored = new HashMap<>();
    Map<String, BigDecimal> totals = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT order_id) FROM ci_orders")) {
        rs.next();
        assertThat(rs.getLong(1)).as("orders stored twice").isEqualTo(rs.getLong(2));
        assertThat(rs.getLong(1)).as("orders stored: the seed and the acknowledged ones")
            .isEqualTo(storedBefore + acknowledgedOrders.size());
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT order_id, line_no FROM ci_order_lines"
          + " GROUP BY order_id, line_no HAVING count(*) > 1) d")) {
        rs.next();
        assertThat(rs.getLong(1)).as("order lines stored twice").isZero();
      }
      try (ResultSet rs = st.executeQuery("SELECT order_id, total_amount, line_count FROM ci_orders"
          + " WHERE order_id LIKE 'w%'")) {
        while (rs.next()) {
          totals.put(rs.getString(1), rs.getBigDecimal(2));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT order_id, product_id, quantity, amount FROM ci_order_lines"
          + " WHERE order_id LIKE 'w%' ORDER BY order_id, line_no")) {
        while (rs.next()) {
          stored.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new Line(rs.getString(2), rs.getInt(3), rs.getBigDecimal(4).setScale(2)));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(amount), 0) FROM ci_order_lines"
          + " WHERE order_id LIKE 'w%'")) {
        rs.next();
        long lines = acknowledgedOrders.values().stream().mapToLong(List::size).sum();
        BigDecimal sum = acknowledgedOrders.values().stream().flatMap(List::stream).map(Line::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(rs.getLong(1)).as("lines of the acknowledged orders").isEqualTo(lines);
        assertThat(rs.getBigDecimal(2)).as("sum of their amounts").isEqualByComparingTo(sum);
      }
    }
    assertThat(stored.keySet()).as("stored orders of the writers")
        .containsExactlyInAnyOrderElementsOf(acknowledgedOrders.keySet());
    for (Map.Entry<String, List<Line>> e : acknowledgedOrders.entrySet()) {
      assertThat(stored.get(e.getKey())).as("lines of order %s", e.getKey()).containsExactlyElementsOf(e.getValue());
      BigDecimal total = e.getValue().stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(totals.get(e.getKey())).as("total of order %s", e.getKey()).isEqualByComparingTo(total);
    }
    // All of a batch's orders or none, for every batch sent (acknowledged or not).
    for (Map.Entry<String, List<String>> batch : sentBatches.entrySet()) {
      long present = batch.getValue().stream().filter(stored::containsKey).count();
      assertThat(present).as("orders of batch %s stored (all or none)", batch.getKey())
          .isIn(0L, (long) batch.getValue().size());
    }
  }

  /** @return the CDNOW sample's rows of its customers 1 to {@code last}, in a file */
  private Path cdnowCustomers(int last) throws IOException {
    List<String> rows = Files.readAllLines(TestData.file("clv/CDNOW_sample.txt")).stream()
        .filter(row -> !row.isBlank() && Integer.parseInt(row.trim().split("\\s+")[1]) <= last)
        .toList();
    Path file = tmp.resolve("cdnow-first-" + last + ".txt");
    Files.write(file, rows);
    return file;
  }

  private static long countOrders(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM ci_orders")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Answer call(String base, String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      // A timeout is a hung request; a refused or reset connection is the server failing: both are violations.
      return new Answer(-1, "", "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "", "interrupted");
    }
  }

  private static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String customer(int i) {
    return String.format("c-%04d", i);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("Not JSON: " + body, e);
    }
  }

  private static JsonNode jsonOrNull(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
