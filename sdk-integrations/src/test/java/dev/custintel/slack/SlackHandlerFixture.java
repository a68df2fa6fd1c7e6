package dev.custintel.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.gorgias.testing.CapturedLogs;
import dev.custintel.gorgias.testing.FakeTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The events handler against WireMock stand-ins for Slack and Gorgias and a real database: each subclass runs on
 * H2 and on PostgreSQL (see {@link OnBothDatabases}), with one database per run of the class, its Slack
 * tables emptied before each test. One instance serves both runs, every field set anew for each. Clients and handler
 * are new for each test, on a fake clock and sleeper; the handler processes events on the calling thread unless a
 * test gives it another executor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SlackHandlerFixture extends OnBothDatabases {
  @RegisterExtension
  static WireMockExtension slackWm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension gorgiasWm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
      .build();

  static final String SECRET = "test-signing-secret-8f74";
  static final String BOT_TOKEN = "xoxb-1772-SECRETbot-9q8w7e";
  static final String GORGIAS_EMAIL = "agent@shop.test";
  static final String GORGIAS_KEY = "gk_live_SLACK5ECRET_k3y";
  static final String TS = "1772441900.000100";
  static final String EXTERNAL_ID = "slack:C0SUPPORT:1772441900.000100";
  static final String TEXT = "Order 1001 for C-1001 arrived damaged\nShe would like a refund.";
  static final String TICKET_URL_TEMPLATE = "https://shop.gorgias.com/app/ticket/{id}";
  static final String ANSWER = "3 customers have not ordered in 90 days.";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestDatabase db;
  CustintelStore store;
  FakeTime time;
  SlackWebClient slack;
  GorgiasClient gorgias;
  SlackEventsHandler handler;
  final List<String> questions = new CopyOnWriteArrayList<>();
  private final List<SlackEventsHandler> handlers = new ArrayList<>();

  @BeforeParameterizedClassInvocation
  void openStore() {
    db = newDatabase.get();
    store = db.configure(CustintelStore.builder()).build();
    store.ingestion().ingest(IngestBatch.builder()
        .customer(new Customer("C-1001", "ada@example.com", "Ada L.", "France", null))
        .customer(new Customer("C-2002", "bob(at)example.com", "Bob", null, null))
        .build());
  }

  @AfterParameterizedClassInvocation
  void closeStore() {
    if (store != null) {
      store.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  void setUpHandler() {
    sql("DELETE FROM ci_processed_slack_events");
    sql("DELETE FROM ci_slack_ticket_links");
    sql("DELETE FROM ci_slack_work");
    sql("DELETE FROM ci_slack_messages");
    time = new FakeTime();
    questions.clear();
    CapturedLogs.clear();
    slack = SlackWebClient.builder().baseUrl(slackWm.baseUrl() + "/api/").botToken(BOT_TOKEN).clock(time)
        .sleeper(time).build();
    gorgias = GorgiasClient.builder().baseUrl(gorgiasWm.baseUrl()).basicAuth(GORGIAS_EMAIL, GORGIAS_KEY).clock(time)
        .sleeper(time).build();
    handler = handler(Runnable::run);
  }

  @AfterEach
  void closeHandler() {
    handlers.forEach(SlackEventsHandler::close);
    handlers.clear();
    slack.close();
    gorgias.close();
  }

  /** A handler with the suite's options, processing on {@code executor}. */
  SlackEventsHandler handler(Executor executor) {
    return track(builder().executor(executor).build());
  }

  SlackEventsHandler.Builder builder() {
    return SlackEventsHandler.builder()
        .signingSecret(SECRET)
        .slack(slack)
        .gorgias(gorgias)
        .store(store)
        .customerIdPattern(Pattern.compile("\\bC-\\d+\\b"))
        .ticketTag("from-slack")
        .ticketUrlTemplate(TICKET_URL_TEMPLATE)
        .questionAnswerer(q -> {
          questions.add(q);
          return ANSWER;
        })
        .clock(time);
  }

  /** @return a second store on the test's database, with its own tables; the caller closes it */
  CustintelStore newStore(String tablePrefix) {
    return db.configure(CustintelStore.builder()).tablePrefix(tablePrefix).build();
  }

  /** @return the handler, closed after the test */
  SlackEventsHandler track(SlackEventsHandler h) {
    handlers.add(h);
    return h;
  }

  /** Delivers a body signed now, through the test's handler. */
  SlackResponse deliver(String body, String... extraHeaders) {
    return handler.handle(SlackSigner.signed(body, time.instant().getEpochSecond(), SECRET, extraHeaders));
  }

  /** The stubs of a message that gets ticket {@code ticketId} without trouble. */
  void happyPath(long ticketId) {
    SlackApi.historyHas(slackWm, TS, TEXT);
    SlackApi.permalinkOk(slackWm);
    SlackApi.postMessageOk(slackWm);
    GorgiasApi.customer(gorgiasWm, "ada@example.com", "Ada Lovelace");
    GorgiasApi.createsTicket(gorgiasWm, ticketId, EXTERNAL_ID);
    GorgiasApi.closesTicket(gorgiasWm, ticketId, EXTERNAL_ID);
  }

  /** Each chat.postMessage body the Slack stand-in received, oldest first. */
  List<JsonNode> replies() {
    List<JsonNode> out = new ArrayList<>();
    for (var r : slackWm.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))) {
      out.add(json(r.getBodyAsString()));
    }
    return out;
  }

  /** Method and path of each request a stand-in saw, oldest first. */
  static List<String> requests(WireMockExtension wm) {
    List<String> log = new ArrayList<>(wm.getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .map(r -> r.getMethod() + " " + r.getUrl().replaceAll("\\?.*", ""))
        .toList());
    Collections.reverse(log);
    return log;
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int rows(String table) {
    return StoreAccess.of(store).read("Counting " + table,
        h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
  }

  void sql(String statement) {
    StoreAccess.of(store).read("Running test SQL", h -> h.execute(statement));
  }
}
