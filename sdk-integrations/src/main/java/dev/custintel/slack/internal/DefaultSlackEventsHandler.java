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
import java.util.concurrent.ScheduledExecutorService;
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
  /** The threads of the handler's own pool. */
  static final int WORKERS = 2;

  private final HandlerSettings settings;
  private final SignatureVerifier verifier;
  private final ProcessedEvents events;
  private final MessageStore messages;
  private final TicketLinks links;
  private final TicketCreation creation;
  private final TicketClosing closing;
  private final @Nullable MentionAnswering mentions;
  private final WorkRunner runner;
  private final EventRouter router;
  private final SlackMetrics metrics;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultSlackEventsHandler(HandlerSettings settings, @Nullable ExecutorService ownedExecutor) {
    this.settings = settings;
    this.verifier = new SignatureVerifier(settings.signingSecret(), settings.clock());
    this.metrics = new SlackMetrics(settings.store().meterRegistry());
    Db db = new Db(StoreAccess.of(settings.store()));
    this.events = new ProcessedEvents(db);
    this.messages = new MessageStore(db);
    this.links = new TicketLinks(db);
    MessageCache cache = new MessageCache(settings.messageCacheSize(), settings.messageCacheTtl(), settings.clock());
    Replier replier = new Replier(settings.slack(), cache);
    CustomerFinder customers = new CustomerFinder(settings.customerIdPattern(), settings.store().customers(),
        settings.gorgias(), settings.fallbackCustomerEmail());
    this.creation = new TicketCreation(settings, links,
        new MessageReader(cache, messages, settings.slack(), settings), customers, replier, messages);
    this.closing = new TicketClosing(settings, links, cache, replier);
    this.mentions = settings.answerer() == null ? null : new MentionAnswering(settings.answerer(), replier);
    Executor executor = settings.executor() != null ? settings.executor() : ownedExecutor;
    WorkQueue queue = new WorkQueue(db, messages);
    this.runner = new WorkRunner(settings, queue,
        Objects.requireNonNull(executor, "an executor of the settings or our own"), ownedExecutor,
        scheduler(), this::run);
    this.router = new EventRouter(settings, queue, runner, cache, mentions != null, metrics);
    runner.start();
  }

  /** Builds the handler, with a small pool of its own when the settings name no executor. */
  public static SlackEventsHandler create(HandlerSettings settings) {
    ExecutorService owned = null;
    if (settings.executor() == null) {
      AtomicInteger n = new AtomicInteger();
      owned = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread t = new Thread(r, "custintel-slack-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return new DefaultSlackEventsHandler(settings, owned);
  }

  private static ScheduledExecutorService scheduler() {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "custintel-slack-work");
      t.setDaemon(true);
      return t;
    });
  }

  /** One run of a work item. */
  private WorkRunner.Result run(WorkItem item) {
    switch (item.kind()) {
      case TICKET -> {
        try {
          creation.onReaction(item.channelId(), item.ts(), item.eventId());
        } catch (MessageReader.HeldBackException e) {
          return new WorkRunner.Result.HeldBack(e.retryAfter());
        }
      }
      case CLOSE -> closing.onReaction(item.channelId(), item.ts(), item.eventId());
      case MENTION -> {
        if (mentions != null) {
          mentions.onMention(item.asMention(), item.botUserIds());
        }
      }
    }
    return new WorkRunner.Result.Done();
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
    Args.text(channelId, "channelId", SlackIds.MAX_ID);
    Args.text(messageTs, "messageTs", SlackIds.MAX_TS);
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
  public int resumeWork() {
    ensureOpen();
    return runner.resumeDue();
  }

  @Override
  public int purgeExpiredEvents() {
    ensureOpen();
    Instant now = settings.clock().instant();
    messages.purge(now);
    return events.purge(now);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      runner.close();
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
