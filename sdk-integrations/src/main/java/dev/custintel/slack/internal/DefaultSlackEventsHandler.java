package dev.custintel.slack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.integrations.internal.http.Args;
import dev.custintel.slack.RetryReport;
import dev.custintel.slack.SlackEventsHandler;
import dev.custintel.slack.SlackRequest;
import dev.custintel.slack.SlackResponse;
import dev.custintel.slack.TicketLink;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link SlackEventsHandler}. Not API: build one with {@link SlackEventsHandler#builder()}. */
public final class DefaultSlackEventsHandler implements SlackEventsHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultSlackEventsHandler.class);
  /** How many links one {@link #retryFailed()} run takes on. */
  static final int RETRY_BATCH = 100;

  private final HandlerSettings settings;
  private final SignatureVerifier verifier;
  private final ProcessedEvents events;
  private final TicketLinks links;
  private final TicketCreation creation;
  private final EventRouter router;
  private final SlackMetrics metrics;
  private final @Nullable ExecutorService ownedExecutor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultSlackEventsHandler(HandlerSettings settings, @Nullable ExecutorService ownedExecutor) {
    this.settings = settings;
    this.ownedExecutor = ownedExecutor;
    this.verifier = new SignatureVerifier(settings.signingSecret(), settings.clock());
    this.metrics = new SlackMetrics(settings.store().meterRegistry());
    Db db = new Db(StoreAccess.of(settings.store()));
    this.events = new ProcessedEvents(db);
    this.links = new TicketLinks(db);
    MessageCache cache = new MessageCache(settings.messageCacheSize(), settings.messageCacheTtl(), settings.clock());
    Replier replier = new Replier(settings.slack(), cache);
    CustomerFinder customers = new CustomerFinder(settings.customerIdPattern(), settings.store().customers(),
        settings.gorgias(), settings.fallbackCustomerEmail());
    this.creation = new TicketCreation(settings, links, new MessageReader(cache, settings.slack()), customers,
        replier);
    TicketClosing closing = new TicketClosing(settings, links, cache, replier);
    MentionAnswering mentions = settings.answerer() == null ? null
        : new MentionAnswering(settings.answerer(), replier);
    Executor executor = settings.executor() != null ? settings.executor() : ownedExecutor;
    this.router = new EventRouter(settings, Objects.requireNonNull(executor, "an executor of the settings or our own"),
        events, cache, creation, closing, mentions, metrics);
  }

  /** Builds the handler, with a small pool of its own when the settings name no executor. */
  public static SlackEventsHandler create(HandlerSettings settings) {
    ExecutorService owned = null;
    if (settings.executor() == null) {
      AtomicInteger n = new AtomicInteger();
      owned = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "custintel-slack-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return new DefaultSlackEventsHandler(settings, owned);
  }

  @Override
  public SlackResponse handle(SlackRequest request) {
    ensureOpen();
    Args.notNull(request, "request");
    SignatureVerifier.Result check =
        verifier.verify(request.header(TIMESTAMP_HEADER), request.header(SIGNATURE_HEADER), request.body());
    if (check != SignatureVerifier.Result.VALID) {
      // A client error, answered 401 and counted (outcome "unauthorized"): not the handler's failure. A signing
      // secret that differs from the app's shows as every request rejected, in the metric and at INFO.
      LOG.info("Rejected a Slack events request with 401: bad signature ({})", check.reason());
      metrics.event("unknown", "unauthorized");
      return SlackResponse.text(401, "invalid request");
    }
    JsonNode root;
    try {
      root = SlackJson.read(request.body());
    } catch (IllegalArgumentException e) {
      metrics.event("unknown", "rejected");
      return SlackResponse.text(400, "not an Events API request");
    }
    String type = SlackJson.text(root, "type");
    if ("url_verification".equals(type)) {
      String challenge = SlackJson.text(root, "challenge");
      metrics.event("url_verification", challenge == null ? "rejected" : "answered");
      return challenge == null ? SlackResponse.text(400, "no challenge") : SlackResponse.text(200, challenge);
    }
    if (!"event_callback".equals(type)) {
      metrics.event(type == null ? "unknown" : type, "ignored");
      return SlackResponse.ok();
    }
    String retry = request.header(RETRY_NUM_HEADER);
    if (retry != null) {
      LOG.debug("Slack delivers event {} again (retry {}, {})", SlackJson.text(root, "event_id"), retry,
          request.header("X-Slack-Retry-Reason"));
    }
    return router.route(EventParser.parse(root));
  }

  @Override
  public Optional<TicketLink> ticketLink(String channelId, String messageTs) {
    Args.text(channelId, "channelId", HttpSlackWebClient.MAX_ID);
    Args.text(messageTs, "messageTs", HttpSlackWebClient.MAX_ID);
    return links.find(channelId, messageTs);
  }

  @Override
  public RetryReport retryFailed() {
    ensureOpen();
    Instant now = settings.clock().instant();
    List<TicketLink> due = links.retryable(now.minus(settings.claimTimeout()), settings.maxAttempts(), RETRY_BATCH);
    int attempted = 0;
    int linked = 0;
    for (TicketLink link : due) {
      TicketCreation.Outcome outcome = creation.retry(link);
      if (outcome != TicketCreation.Outcome.SKIPPED) {
        attempted++;
        linked += outcome == TicketCreation.Outcome.LINKED ? 1 : 0;
      }
    }
    if (attempted > 0) {
      LOG.info("Retried {} Slack ticket links: {} linked, {} not", attempted, linked, attempted - linked);
    }
    return new RetryReport(attempted, linked, attempted - linked);
  }

  @Override
  public int purgeExpiredEvents() {
    ensureOpen();
    return events.purge(settings.clock().instant());
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        if (!ownedExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.warn("Slack events still being processed after 10 s; stopping them");
          ownedExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ownedExecutor.shutdownNow();
      }
    }
  }

  @Override
  public String toString() {
    return "SlackEventsHandler[" + settings + "]";
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("This SlackEventsHandler is closed; build a new one.");
    }
  }
}
