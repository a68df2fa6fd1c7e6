package dev.custintel.examples.slack;

import com.sun.net.httpserver.HttpServer;
import dev.custintel.core.CustintelException;
import dev.custintel.CustomerIntelligence;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.slack.SlackEventsHandler;
import dev.custintel.slack.SlackWebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Slack app for a support team, in one process: react 🎫 to a message to make it a Gorgias ticket (the reply in
 * the thread links it), ✅ to close it, mention the app with a customer id to hear about the customer. Serves
 * {@code POST /slack/events} (the app's Request URL) on the JDK's HTTP server; retries failed tickets every 5
 * minutes and purges old event ids every hour. Acknowledged work is in the database: on SIGTERM the bot finishes
 * what is running for up to 10 s and leaves the rest queued; started again on the same database (after a stop or
 * a crash), it finishes that work, one ticket per message.
 *
 * <pre>
 * SLACK_SIGNING_SECRET=... SLACK_BOT_TOKEN=xoxb-... GORGIAS_SUBDOMAIN=acme GORGIAS_EMAIL=agent@acme.com \
 * GORGIAS_API_KEY=... CUSTINTEL_JDBC_URL=jdbc:h2:file:./ci-data/ci PORT=3000 \
 *   java -cp examples/target/custintel.jar dev.custintel.examples.slack.SlackTicketBot
 * </pre>
 */
public final class SlackTicketBot implements AutoCloseable {
  /** The path Slack posts events to. */
  public static final String PATH = "/slack/events";
  private static final Logger LOG = LoggerFactory.getLogger(SlackTicketBot.class);
  private static final Pattern CUSTOMER_ID = Pattern.compile("\\bC-\\d+\\b");

  private final CustomerIntelligence ci;
  private final boolean ownsFacade;
  private final GorgiasClient gorgias;
  private final SlackWebClient slack;
  private final SlackEventsHandler handler;
  private final HttpServer server;
  private final ExecutorService requests;
  private final ScheduledExecutorService jobs;

  private SlackTicketBot(BotSettings s, CustomerIntelligence ci, boolean ownsFacade) throws IOException {
    this.ci = ci;
    this.ownsFacade = ownsFacade;
    // One store for everything: the handler's tables, its customer lookups and the answers share the facade's
    // pool and profile cache, so what the facade ingests shows in the bot's answers at once.
    CustintelStore store = ci.store();
    GorgiasClient.Builder g = GorgiasClient.builder().basicAuth(s.gorgiasEmail(), s.gorgiasApiKey());
    this.gorgias = (s.gorgiasBaseUrl() != null ? g.baseUrl(s.gorgiasBaseUrl()) : g.subdomain(s.gorgiasSubdomain()))
        .meterRegistry(store.meterRegistry()).build();
    SlackWebClient.Builder w = SlackWebClient.builder().botToken(s.slackBotToken())
        .meterRegistry(store.meterRegistry());
    this.slack = (s.slackApiUrl() != null ? w.baseUrl(s.slackApiUrl()) : w).build();
    this.handler = SlackEventsHandler.builder()
        .signingSecret(s.slackSigningSecret())
        .slack(slack)
        .gorgias(gorgias)
        .store(store)
        .customerIdPattern(CUSTOMER_ID)
        .ticketUrlTemplate("https://" + s.gorgiasSubdomain() + ".gorgias.com/app/ticket/{id}")
        .questionAnswerer(new ProfileAnswerer(ci.customers(), CUSTOMER_ID))
        .build();
    this.server = HttpServer.create(new InetSocketAddress(s.port()), 0);
    this.requests = Executors.newFixedThreadPool(4);
    server.setExecutor(requests);
    server.createContext(PATH, new SlackEventsEndpoint(handler));
    this.jobs = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "slack-bot-jobs");
      t.setDaemon(true);
      return t;
    });
    jobs.scheduleWithFixedDelay(this::retryFailed, 5, 5, TimeUnit.MINUTES);
    jobs.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    server.start();
  }

  /**
   * Starts the bot: store (migrated), clients, handler, HTTP server, jobs.
   *
   * @param env the environment variables (see {@link BotSettings})
   * @return the running bot; close it to stop
   * @throws BotSettings.MissingSettingException naming a missing variable
   */
  public static SlackTicketBot start(Map<String, String> env) {
    BotSettings settings = BotSettings.fromEnvironment(env);
    CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(settings.jdbcUrl()).build();
    try {
      return start(settings, ci, true);
    } catch (RuntimeException e) {
      ci.close();
      throw e;
    }
  }

  /**
   * Starts the bot on a host's facade, sharing its store: one pool, one profile cache. Closing the bot leaves the
   * facade open. {@code CUSTINTEL_JDBC_URL} is not read.
   *
   * @param env the environment variables (see {@link BotSettings})
   * @param ci the host's facade
   * @return the running bot; close it to stop
   * @throws BotSettings.MissingSettingException naming a missing variable
   */
  public static SlackTicketBot start(Map<String, String> env, CustomerIntelligence ci) {
    Map<String, String> withUrl = new HashMap<>(env);
    withUrl.putIfAbsent("CUSTINTEL_JDBC_URL", "(the host's facade)");
    return start(BotSettings.fromEnvironment(withUrl), ci, false);
  }

  private static SlackTicketBot start(BotSettings settings, CustomerIntelligence ci, boolean ownsFacade) {
    try {
      return new SlackTicketBot(settings, ci, ownsFacade);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not listen on port " + settings.port() + ": " + e.getMessage(), e);
    }
  }

  /** @return the port the server listens on */
  public int port() {
    return server.getAddress().getPort();
  }

  private void retryFailed() {
    try {
      handler.retryFailed();
    } catch (CustintelException e) {
      LOG.warn("Retrying failed Slack tickets failed: {}", e.getMessage());
    }
  }

  private void purge() {
    try {
      handler.purgeExpiredEvents();
    } catch (CustintelException e) {
      LOG.warn("Purging old Slack event ids failed: {}", e.getMessage());
    }
  }

  /** Stops the server, the jobs and the handler, then closes the clients and the facade if the bot made it. */
  @Override
  public void close() {
    server.stop(1);
    requests.shutdown();
    jobs.shutdownNow();
    handler.close();
    slack.close();
    gorgias.close();
    if (ownsFacade) {
      ci.close();
    }
  }

  /**
   * Runs until the process is stopped.
   *
   * @param args none; the settings come from environment variables
   */
  public static void main(String[] args) {
    SlackTicketBot bot;
    try {
      bot = start(System.getenv());
    } catch (BotSettings.MissingSettingException | CustintelException | UncheckedIOException e) {
      System.err.println("slack-ticket-bot: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(bot::close, "slack-bot-shutdown"));
    System.err.println("slack-ticket-bot: listening on port " + bot.port() + ", Request URL path " + PATH);
  }
}
