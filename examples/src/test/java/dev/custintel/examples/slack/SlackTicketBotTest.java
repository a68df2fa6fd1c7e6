package dev.custintel.examples.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.custintel.core.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.custintel.CustomerIntelligence;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bot on a random port, against WireMock stand-ins for Slack and Gorgias and an H2 store, over real HTTP. */
class SlackTicketBotTest {
  // One acceptor thread each: Jetty's default of more than the machine's cores (on 2 cores) works but warns.
  @RegisterExtension
  static WireMockExtension slack =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @RegisterExtension
  static WireMockExtension gorgias =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String SECRET = "bot-test-signing-secret";
  private static final String TS = "1772441900.000100";

  private final HttpClient http = HttpClient.newHttpClient();
  private TestDatabase db;
  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    db = TestDatabase.h2();
    env = new HashMap<>(Map.of(
        "SLACK_SIGNING_SECRET", SECRET,
        "SLACK_BOT_TOKEN", "xoxb-bot-test-token",
        "GORGIAS_SUBDOMAIN", "acme",
        "GORGIAS_EMAIL", "agent@acme.test",
        "GORGIAS_API_KEY", "gorgias-test-key",
        "CUSTINTEL_JDBC_URL", db.jdbcUrl(),
        "PORT", "0",
        "SLACK_API_URL", slack.baseUrl() + "/api/",
        "GORGIAS_BASE_URL", gorgias.baseUrl()));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void missingOrMalformedVariable_failsNamingIt() {
    for (String name : List.of("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "GORGIAS_SUBDOMAIN", "GORGIAS_EMAIL",
        "GORGIAS_API_KEY", "CUSTINTEL_JDBC_URL", "PORT")) {
      Map<String, String> partial = new HashMap<>(env);
      partial.remove(name);
      assertThatThrownBy(() -> SlackTicketBot.start(partial))
          .isInstanceOf(BotSettings.MissingSettingException.class)
          .hasMessageStartingWith("Set the environment variable " + name + ": ");
    }
    env.put("PORT", "http");
    assertThatThrownBy(() -> SlackTicketBot.start(env)).hasMessage("PORT must be a port number from 0 to 65535"
        + " (was 'http').");
    assertThat(BotSettings.fromEnvironment(Map.of("SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", "x",
        "GORGIAS_SUBDOMAIN", "acme", "GORGIAS_EMAIL", "a@b.c", "GORGIAS_API_KEY", "k", "CUSTINTEL_JDBC_URL",
        "jdbc:h2:mem:x", "PORT", "3000")).toString()).doesNotContain(SECRET);
  }

  @Test
  void signedEvents_overHttp_ticketCreatedAndLinkedInTheThread_mentionAnswered() throws Exception {
    try (CustintelStore seed = db.configure(CustintelStore.builder()).build()) {
      seed.ingestion().ingest(IngestBatch.builder()
          .customer(new Customer("C-7", "ada@example.com", "Ada Lovelace", null, null)).build());
    }
    stubSlackAndGorgias();

    try (SlackTicketBot bot = SlackTicketBot.start(env)) {
      URI events = URI.create("http://127.0.0.1:" + bot.port() + SlackTicketBot.PATH);

      HttpResponse<String> challenge = send(events,
          "{\"type\":\"url_verification\",\"challenge\":\"abc123\",\"token\":\"t\"}", SECRET);
      assertThat(challenge.statusCode()).isEqualTo(200);
      assertThat(challenge.body()).isEqualTo("abc123");

      HttpResponse<String> ack = send(events, envelope("Ev1", "{\"type\":\"reaction_added\",\"user\":\"UAGENT\","
          + "\"reaction\":\"ticket\",\"item\":{\"type\":\"message\",\"channel\":\"C0SUP\",\"ts\":\"" + TS + "\"}}"),
          SECRET);
      assertThat(ack.statusCode()).isEqualTo(200);
      assertThat(awaitReplies(1)).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
          .contains("\"thread_ts\":\"" + TS + "\"")
          .contains("<https://acme.gorgias.com/app/ticket/42|#42>"));
      gorgias.verify(postRequestedFor(urlPathEqualTo("/api/tickets"))
          .withRequestBody(matchingJsonPath("$.external_id", equalTo("slack:C0SUP:" + TS)))
          .withRequestBody(matchingJsonPath("$.messages[0].sender.email", equalTo("ada@example.com"))));

      send(events, envelope("Ev2", "{\"type\":\"app_mention\",\"user\":\"UAGENT\",\"text\":\"<@UBOT> who is C-7?\","
          + "\"ts\":\"1772441990.000200\",\"channel\":\"C0SUP\"}"), SECRET);
      assertThat(awaitReplies(2).get(1).getBodyAsString()).contains("*C-7* (Ada Lovelace): 0 orders.");

      assertThat(send(events, envelope("Ev3", "{}"), "forged-secret").statusCode()).isEqualTo(401);
      HttpResponse<String> getRequest = http.send(HttpRequest.newBuilder(events).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(getRequest.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void sharedFacade_answersSeeWhatTheFacadeIngests_andClosingTheBotLeavesTheFacadeOpen() throws Exception {
    stubSlackAndGorgias();
    env.remove("CUSTINTEL_JDBC_URL"); // the bot takes the host's facade instead
    // Profiles are cached for an hour: only a cache shared with the ingestion can show the new order at once.
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db.jdbcUrl())
        .profileCache(1_000, Duration.ofHours(1)).build()) {
      ci.ingestion().ingest(IngestBatch.builder()
          .customer(new Customer("C-7", "ada@example.com", "Ada Lovelace", null, null)).build());
      try (SlackTicketBot bot = SlackTicketBot.start(env, ci)) {
        URI events = URI.create("http://127.0.0.1:" + bot.port() + SlackTicketBot.PATH);
        send(events, envelope("Ev1", "{\"type\":\"app_mention\",\"user\":\"UAGENT\",\"text\":\"<@UBOT> who is"
            + " C-7?\",\"ts\":\"1772441990.000200\",\"channel\":\"C0SUP\"}"), SECRET);
        assertThat(awaitReplies(1).get(0).getBodyAsString()).contains("*C-7* (Ada Lovelace): 0 orders");

        ci.ingestion().upsertOrders(List.of(order("O-1", "C-7", "2026-01-05", "P-1", "12.50")));
        send(events, envelope("Ev2", "{\"type\":\"app_mention\",\"user\":\"UAGENT\",\"text\":\"<@UBOT> who is"
            + " C-7?\",\"ts\":\"1772441995.000200\",\"channel\":\"C0SUP\"}"), SECRET);
        assertThat(awaitReplies(2).get(1).getBodyAsString()).contains("*C-7* (Ada Lovelace): 1 orders");
      }
      // The bot did not close the host's facade.
      assertThat(ci.customers().profile("C-7").orders()).isEqualTo(1);
    }
  }

  @Test
  void forgedRequest_isAClientError_answered401AndNotLoggedAsAWarning() throws Exception {
    stubSlackAndGorgias();
    PrintStream stderr = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    int status;
    try (SlackTicketBot bot = SlackTicketBot.start(env)) {
      URI events = URI.create("http://127.0.0.1:" + bot.port() + SlackTicketBot.PATH);
      // slf4j-simple writes to System.err as it is at each call (the examples' simplelogger.properties).
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      try {
        status = send(events, envelope("Ev9", "{}"), "forged-secret").statusCode();
      } finally {
        System.setErr(stderr);
      }
    }

    assertThat(status).isEqualTo(401);
    assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain("WARN").doesNotContain("ERROR");
  }

  @Test
  void oversizedBody_theClientReadsThe413_withAndWithoutContentLength() throws Exception {
    try (SlackTicketBot bot = SlackTicketBot.start(env)) {
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      int chunks = 24 * 16; // 24 MB: the client is still sending when the answer is due
      for (boolean declared : List.of(true, false)) {
        try (Socket socket = new Socket("127.0.0.1", bot.port())) {
          socket.setSoTimeout(20_000);
          OutputStream out = socket.getOutputStream();
          // As Python's http.client: the whole request is sent before the answer is read; a reset fails the send.
          send(out, chunk, chunks, declared);
          String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
              StandardCharsets.US_ASCII)).readLine();
          assertThat(status).as("declared length: %s", declared).startsWith("HTTP/1.1 413 ");
        }
      }
    }
  }

  private static void send(OutputStream out, byte[] chunk, int chunks, boolean declared) throws IOException {
    out.write(("POST " + SlackTicketBot.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\n"
        + (declared ? "Content-Length: " + (long) chunk.length * chunks : "Transfer-Encoding: chunked")
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < chunks; i++) {
      if (!declared) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write(chunk);
      if (!declared) {
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (!declared) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.flush();
  }

  private void stubSlackAndGorgias() {
    slack.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson("{\"ok\":true,\"messages\":"
        + "[{\"type\":\"message\",\"user\":\"UCUST\",\"text\":\"C-7 says the parcel is damaged\",\"ts\":\"" + TS
        + "\"}]}")));
    slack.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).willReturn(okJson(
        "{\"ok\":true,\"permalink\":\"https://acme.slack.com/archives/C0SUP/p1772441900000100\"}")));
    slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson(
        "{\"ok\":true,\"channel\":\"C0SUP\",\"ts\":\"1772442000.000300\"}")));
    gorgias.stubFor(get(urlPathEqualTo("/api/customers")).willReturn(okJson(
        "{\"data\":[{\"id\":5,\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\"}],\"meta\":{}}")));
    gorgias.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":42,\"external_id\":\"slack:C0SUP:" + TS + "\",\"status\":\"open\",\"tags\":[]}")));
  }

  private List<LoggedRequest> awaitReplies(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      List<LoggedRequest> replies = slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
      if (replies.size() >= count || System.nanoTime() > deadline) {
        return replies;
      }
      Thread.sleep(50);
    }
  }

  private static String envelope(String eventId, String event) {
    return "{\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"team_id\":\"T1\",\"event\":" + event
        + ",\"authorizations\":[{\"user_id\":\"UBOT\",\"is_bot\":true}]}";
  }

  private HttpResponse<String> send(URI uri, String body, String secret) throws Exception {
    String ts = String.valueOf(Instant.now().getEpochSecond());
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", "v0=" + hmac(secret, "v0:" + ts + ":" + body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String hmac(String secret, String text) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
