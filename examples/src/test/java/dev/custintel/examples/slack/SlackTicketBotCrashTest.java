package dev.custintel.examples.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.custintel.core.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bot as a real process (a child JVM running {@link SlackTicketBot#main}) on an H2 file database, against
 * WireMock stand-ins for Slack and Gorgias in which Gorgias' customer search is slow. Signed 🎫 events are all
 * acknowledged; the process is then killed (SIGKILL, or SIGTERM) while the work runs, and started again on the same
 * database: every message must end with exactly one ticket and one reply.
 */
class SlackTicketBotCrashTest {
  private static final String SECRET = "crash-test-signing-secret";
  private static final String CHANNEL = "C0CRASH";
  private static final int MESSAGES = 4;
  private static final Duration SEARCH_DELAY = Duration.ofSeconds(4);
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort().jettyAcceptors(1));
  private final WireMockServer gorgias = new WireMockServer(wireMockConfig().dynamicPort().jettyAcceptors(1));
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private @Nullable TestDatabase postgres;
  private String jdbcUrl = "";
  private int runs;

  @BeforeEach
  void startFakes() {
    slack.start();
    gorgias.start();
    slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"1772449999.000001\"}")));
    slack.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).willReturn(okJson(
        "{\"ok\":true,\"permalink\":\"https://acme.slack.com/archives/" + CHANNEL + "/p1\"}")));
    // The messages come with message events; a history read would mean a message was lost.
    slack.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(
        "{\"ok\":false,\"error\":\"channel_not_found\"}")));
    gorgias.stubFor(get(urlPathEqualTo("/api/customers")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withFixedDelay((int) SEARCH_DELAY.toMillis())
        .withBody("{\"data\":[],\"meta\":{}}")));
    for (int i = 1; i <= MESSAGES; i++) {
      String external = "slack:" + CHANNEL + ":" + ts(i);
      String ticket = "{\"id\":" + (100 + i) + ",\"external_id\":\"" + external + "\",\"status\":\"open\",\"tags\":[]}";
      String scenario = "ticket-" + i;
      // Gorgias keeps what was created: a lookup by external id finds the ticket once it was made.
      gorgias.stubFor(post(urlPathEqualTo("/api/tickets"))
          .withRequestBody(matchingJsonPath("$.external_id", equalTo(external)))
          .inScenario(scenario).willSetStateTo("created")
          .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(ticket)));
      gorgias.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("external_id", equalTo(external))
          .inScenario(scenario).whenScenarioStateIs(STARTED)
          .willReturn(okJson("{\"data\":[],\"meta\":{}}")));
      gorgias.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("external_id", equalTo(external))
          .inScenario(scenario).whenScenarioStateIs("created")
          .willReturn(okJson("{\"data\":[" + ticket + "],\"meta\":{}}")));
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    slack.stop();
    gorgias.stop();
    if (postgres != null) {
      postgres.close();
    }
  }

  private String h2Url() {
    return "jdbc:h2:file:" + dir.resolve("ci").toAbsolutePath();
  }

  private TestDatabase postgres() {
    postgres = TestDatabase.postgres();
    return postgres;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void killedMidWork_restartFinishesEveryAcknowledgedTicket_exactlyOnce(String database) throws Exception {
    jdbcUrl = database.equals("h2") ? h2Url() : postgres().jdbcUrl();
    Bot first = startBot();
    sendMessagesAndReactions(first.port());
    awaitTrue("a customer search in flight", () -> searches() >= 1);
    // No pause before the kill, on H2 too: the store has H2 write each commit to its file before the 200.
    first.process().destroyForcibly();
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

    Bot second = startBot();
    assertExactlyOneTicketAndOneReplyPerMessage();
    assertThat(second.process().isAlive()).isTrue();
  }

  @Test
  void stoppedWithSigterm_queuedWorkStaysQueued_andTheNextStartFinishesIt() throws Exception {
    jdbcUrl = h2Url();
    Bot first = startBot();
    sendMessagesAndReactions(first.port());
    awaitTrue("a customer search in flight", () -> searches() >= 1);

    first.process().destroy();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(first.log())).containsPattern("Slack work items? (is|are) left queued for the next"
        + " start");

    startBot();
    assertExactlyOneTicketAndOneReplyPerMessage();
  }

  private void assertExactlyOneTicketAndOneReplyPerMessage() throws Exception {
    awaitTrue("a reply for every message", () -> replies().size() >= MESSAGES);
    Thread.sleep(1_500); // anything repeated would show by now
    Map<String, Integer> created = new TreeMap<>();
    for (LoggedRequest r : gorgias.findAll(postRequestedFor(urlPathEqualTo("/api/tickets")))) {
      created.merge(json(r.getBodyAsString()).path("external_id").asText(), 1, Integer::sum);
    }
    Map<String, Integer> expected = new TreeMap<>();
    for (int i = 1; i <= MESSAGES; i++) {
      expected.put("slack:" + CHANNEL + ":" + ts(i), 1);
    }
    assertThat(created).isEqualTo(expected);
    Map<String, Integer> repliedIn = new TreeMap<>();
    for (LoggedRequest r : replies()) {
      repliedIn.merge(json(r.getBodyAsString()).path("thread_ts").asText(), 1, Integer::sum);
    }
    Map<String, Integer> oneEach = new TreeMap<>();
    for (int i = 1; i <= MESSAGES; i++) {
      oneEach.put(ts(i), 1);
    }
    assertThat(repliedIn).isEqualTo(oneEach);
    assertThat(slack.findAll(getRequestedFor(urlPathEqualTo("/api/conversations.history")))).isEmpty();
  }

  private void sendMessagesAndReactions(int port) throws Exception {
    URI events = URI.create("http://127.0.0.1:" + port + SlackTicketBot.PATH);
    for (int i = 1; i <= MESSAGES; i++) {
      assertThat(send(events, envelope("EvMsg" + i, "{\"type\":\"message\",\"channel\":\"" + CHANNEL + "\","
          + "\"user\":\"UCUST\",\"text\":\"Parcel " + i + " arrived damaged, write to buyer" + i
          + "@example.com\",\"ts\":\"" + ts(i) + "\"}")).statusCode()).isEqualTo(200);
    }
    for (int i = 1; i <= MESSAGES; i++) {
      assertThat(send(events, envelope("EvTicket" + i, "{\"type\":\"reaction_added\",\"user\":\"UAGENT\","
          + "\"reaction\":\"ticket\",\"item\":{\"type\":\"message\",\"channel\":\"" + CHANNEL + "\",\"ts\":\""
          + ts(i) + "\"}}")).statusCode()).isEqualTo(200);
    }
  }

  private record Bot(Process process, int port, Path log) {}

  private Bot startBot() throws IOException, InterruptedException {
    Path log = dir.resolve("bot-" + (++runs) + ".log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dorg.slf4j.simpleLogger.log.dev.custintel.slack=info", "-cp", System.getProperty("java.class.path"), SlackTicketBot.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(Map.of(
        "SLACK_SIGNING_SECRET", SECRET,
        "SLACK_BOT_TOKEN", "xoxb-crash-test-token",
        "GORGIAS_SUBDOMAIN", "acme",
        "GORGIAS_EMAIL", "agent@acme.test",
        "GORGIAS_API_KEY", "gorgias-crash-test-key",
        "CUSTINTEL_JDBC_URL", jdbcUrl,
        "PORT", "0",
        "SLACK_API_URL", slack.baseUrl() + "/api/",
        "GORGIAS_BASE_URL", gorgias.baseUrl()));
    Process process = pb.start();
    processes.add(process);
    logs.add(log);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        return new Bot(process, Integer.parseInt(m.group(1)), log);
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("The bot did not start:\n" + Files.readString(log));
  }

  private int searches() {
    return gorgias.findAll(getRequestedFor(urlPathEqualTo("/api/customers"))).size();
  }

  private List<LoggedRequest> replies() {
    return slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
  }

  private void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        StringBuilder out = new StringBuilder("Timed out waiting for " + what + "; tickets created "
            + gorgias.findAll(postRequestedFor(urlPathEqualTo("/api/tickets"))).size() + ", replies "
            + replies().size() + ", customer searches " + searches());
        for (Path log : logs) {
          out.append("\n--- ").append(log.getFileName()).append(":\n").append(Files.readString(log));
        }
        throw new AssertionError(out.toString());
      }
      Thread.sleep(100);
    }
  }

  private static String ts(int i) {
    return "177244190" + i + ".000100";
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String envelope(String eventId, String event) {
    return "{\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"team_id\":\"T1\",\"event\":" + event
        + ",\"authorizations\":[{\"user_id\":\"UBOT\",\"is_bot\":true}]}";
  }

  private HttpResponse<String> send(URI uri, String body) throws Exception {
    String ts = String.valueOf(Instant.now().getEpochSecond());
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", "v0=" + hmac("v0:" + ts + ":" + body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String hmac(String text) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
