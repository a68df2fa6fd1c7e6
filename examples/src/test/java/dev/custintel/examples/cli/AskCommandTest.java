package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ask} on a demo shop kept in an H2 file, its data ending on 2026-11-20 and asked as of the day after: the
 * answers checked against the orders table read with plain JDBC, the JSON's shape, and the usage errors.
 */
class AskCommandTest {
  private static final String END = "2026-11-20";
  private static final String NOW = "2026-11-21T10:00:00Z";

  @TempDir static Path dir;

  private static String db;

  @BeforeAll
  static void demoShop() {
    db = "jdbc:h2:file:" + dir.resolve("shop").toAbsolutePath();
    CliRun demo = CliRun.run("demo", "--customers", "400", "--seed", "11", "--months", "12", "--end", END,
        "--currency", "usd", "--db", db, "--quiet");
    assertThat(demo.exitCode()).as(demo.toString()).isZero();
  }

  @Test
  void topVipCustomersThisMonth_areTheTopSpendersOfTheOrdersTable() throws SQLException {
    CliRun run = CliRun.run("ask", "--db", db, "--now", NOW, "Top 10 VIP customers this month");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode a = run.json();
    assertThat(JsonChecks.names(a))
        .containsExactly("understood", "query", "rows", "answer", "suggestions", "translatedBy");
    assertThat(a.path("understood").asText()).contains("10");
    assertThat(a.path("translatedBy").asText()).isEqualTo("parser");
    assertThat(a.path("suggestions")).isEmpty();
    JsonNode q = a.path("query");
    assertThat(q.path("intent").asText()).isEqualTo("top_customers_by_spend");
    assertThat(q.path("limit").asInt()).isEqualTo(10);
    assertThat(JsonChecks.names(q)).first().isEqualTo("intent");
    q.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()).as("query.%s", f.getKey()).isFalse());
    assertThat(q.path("period").path("from").asText()).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(q.path("period").path("to").asText()).isEqualTo("2026-12-01T00:00:00Z");
    assertThat(q.path("periodWords").asText()).isEqualTo("this month");

    JsonNode rows = a.path("rows");
    assertThat(rows).hasSize(10);
    for (JsonNode row : rows) {
      assertThat(row.path("customerId").isTextual()).as(row.toString()).isTrue();
      assertThat(row.path("netSpent").isNumber()).as(row.toString()).isTrue();
    }
    assertThat(JsonChecks.names(rows.get(0))).startsWith("rank", "customerId");

    Instant from = Instant.parse(q.path("period").path("from").asText());
    Instant to = Instant.parse(q.path("period").path("to").asText());
    Map<String, BigDecimal> net = netSpendBetween(from, to);
    BigDecimal most = net.values().stream().max(BigDecimal::compareTo).orElseThrow();
    String top = net.entrySet().stream().filter(e -> e.getValue().compareTo(most) == 0).map(Map.Entry::getKey)
        .sorted().findFirst().orElseThrow();
    assertThat(rows.get(0).path("customerId").asText()).isEqualTo(top);
    assertThat(rows.get(0).path("netSpent").decimalValue()).isEqualByComparingTo(most);
    assertThat(a.path("answer").asText()).startsWith(top + " spent the most");

    // The question as several words, without quotes: the same answer.
    CliRun words = CliRun.run("ask", "--db", db, "--now", NOW, "Top", "10", "VIP", "customers", "this", "month");
    assertThat(words.exitCode()).as(words.toString()).isZero();
    assertThat(words.json()).isEqualTo(a);
  }

  @Test
  void customersWhoHaveNotPurchasedIn90Days_haveNoPurchaseInThe90DaysBeforeNow() throws SQLException {
    CliRun run = CliRun.run("ask", "--db", db, "--now", NOW, "Which customers haven't purchased in 90 days?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode a = run.json();
    JsonNode q = a.path("query");
    assertThat(q.path("intent").asText()).isEqualTo("inactive_customers");
    assertThat(q.path("days").asInt()).isEqualTo(90);
    assertThat(q.has("period")).isFalse();
    q.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()).as("query.%s", f.getKey()).isFalse());
    JsonNode rows = a.path("rows");
    assertThat(rows).as(run.out()).isNotEmpty();

    Instant since = Instant.parse(NOW).minus(Duration.ofDays(90));
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement recent = c.prepareStatement("SELECT COUNT(*) FROM ci_orders WHERE customer_id = ? AND "
            + "kind = 'PURCHASE' AND placed_at > ?");
        PreparedStatement ever = c.prepareStatement("SELECT COUNT(*) FROM ci_orders WHERE customer_id = ? AND "
            + "kind = 'PURCHASE'")) {
      for (JsonNode row : rows) {
        String id = row.path("customerId").asText();
        assertThat(id).as(row.toString()).isNotBlank();
        assertThat(count(recent, id, since)).as("purchases of %s after %s", id, since).isZero();
        assertThat(count(ever, id, null)).as("purchases of %s", id).isPositive();
        assertThat(row.path("daysSinceLastOrder").asLong()).as(row.toString()).isGreaterThanOrEqualTo(90);
      }
    }
  }

  @Test
  void aQuestionNotUnderstood_printsThreeSuggestionsAndExits0() {
    CliRun run = CliRun.run("ask", "--db", db, "--now", NOW, "What is the airspeed velocity of an unladen swallow?");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.OK);
    JsonNode a = run.json();
    assertThat(JsonChecks.names(a))
        .containsExactly("understood", "query", "rows", "answer", "suggestions", "translatedBy");
    assertThat(a.path("understood").isNull()).isTrue();
    assertThat(a.path("query").isNull()).isTrue();
    assertThat(a.path("rows").isArray()).isTrue();
    assertThat(a.path("rows")).isEmpty();
    assertThat(a.path("translatedBy").isNull()).isTrue();
    JsonNode suggestions = a.path("suggestions");
    assertThat(suggestions).hasSize(3);
    for (JsonNode s : suggestions) {
      assertThat(a.path("answer").asText()).contains(s.asText());
    }
  }

  @Test
  void badNow_isAUsageErrorNamingNow() {
    CliRun run = CliRun.run("ask", "--db", db, "--now", "next-tuesday", "Top 10 VIP customers this month");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.USAGE);
    assertThat(run.firstErrLine()).contains("--now", "next-tuesday");
    assertThat(run.err()).contains("Usage:");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void blankOrTooLongQuestion_isAUsageError() {
    for (String question : List.of("", "   ", "x".repeat(AskCommand.MAX_QUESTION + 1))) {
      CliRun run = CliRun.run("ask", "--db", db, "--now", NOW, question);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.USAGE);
      assertThat(run.firstErrLine()).contains("QUESTION");
      assertThat(run.out()).isEmpty();
    }
    CliRun none = CliRun.run("ask", "--db", db);
    assertThat(none.exitCode()).as(none.toString()).isEqualTo(CustintelCli.USAGE);
    assertThat(none.firstErrLine()).contains("QUESTION");
  }

  @Test
  void anH2FileThatDoesNotExist_exits1WithoutCreatingIt() {
    Path missing = dir.resolve("missing").resolve("custintel");
    CliRun run = CliRun.run("ask", "--db", "jdbc:h2:file:" + missing.toAbsolutePath(), "How are we doing today?");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(missing.resolveSibling("custintel.mv.db")).doesNotExist();
  }

  /** Net spend (purchases less returns) per customer with a purchase in [from, to), read from the orders table. */
  private static Map<String, BigDecimal> netSpendBetween(Instant from, Instant to) throws SQLException {
    Map<String, BigDecimal> net = new HashMap<>();
    Set<String> buyers = new HashSet<>();
    List<String> currencies = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement st = c.prepareStatement("SELECT customer_id, kind, total_amount, currency FROM ci_orders"
            + " WHERE placed_at >= ? AND placed_at < ?")) {
      st.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      st.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString("customer_id");
          BigDecimal amount = rs.getBigDecimal("total_amount");
          boolean purchase = rs.getString("kind").equals("PURCHASE");
          net.merge(id, purchase ? amount : amount.negate(), BigDecimal::add);
          if (purchase) {
            buyers.add(id);
          }
          currencies.add(rs.getString("currency").trim());
        }
      }
    }
    assertThat(currencies).as("orders in the period").isNotEmpty().containsOnly("USD");
    net.keySet().retainAll(buyers);
    return net;
  }

  private static long count(PreparedStatement st, String customerId, Instant after) throws SQLException {
    st.setString(1, customerId);
    if (after != null) {
      st.setObject(2, OffsetDateTime.ofInstant(after, ZoneOffset.UTC));
    }
    try (ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
