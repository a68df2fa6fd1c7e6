package dev.custintel.slack;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.integrations.internal.http.Args;
import dev.custintel.slack.internal.DefaultSlackEventsHandler;
import dev.custintel.slack.internal.HandlerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Receives Slack's Events API requests, whatever the web framework: raw body and headers in
 * ({@link SlackRequest}), status and body out ({@link SlackResponse}). Mount it at the app's Request URL (the
 * Spring starter uses {@code /slack/events}). Thread-safe; close it when done.
 *
 * <pre>{@code
 * SlackEventsHandler handler = SlackEventsHandler.builder()
 *     .signingSecret(System.getenv("SLACK_SIGNING_SECRET"))
 *     .slack(slackWebClient).gorgias(gorgiasClient).store(store)
 *     .customerIdPattern(Pattern.compile("\\bC-\\d+\\b"))
 *     .ticketUrlTemplate("https://acme.gorgias.com/app/ticket/{id}")
 *     .questionAnswerer(question -> ci.ask(question).text())
 *     .build();
 * SlackResponse r = handler.handle(SlackRequest.of(body, headers));
 * }</pre>
 *
 * <p><b>Requests.</b> Every request must carry a valid signature: HMAC-SHA256 of {@code v0:timestamp:body} with the
 * signing secret, compared in constant time, and a timestamp within 5 minutes of now either way; otherwise 401
 * and nothing else happens. {@code url_verification} is answered with its challenge. An {@code event_callback} is
 * acknowledged at once (200) and processed on the executor; Slack wants the answer within 3 s. An event with
 * effects whose ids do not look like Slack's (channel and user ids: upper-case letters and digits, at most 255;
 * a ts: digits and a dot, at most 64; the event id: at most 255) is refused with 400 and the reason.
 *
 * <p><b>Exactly once, durably.</b> Each reaction or mention event's {@code event_id} and the work it asks for are
 * written to the database in one transaction before the acknowledgement, so a redelivery (Slack retries, with
 * {@code X-Slack-Retry-Num}) is dropped, and an acknowledged event's work survives a stop or a crash. If they
 * cannot be written the answer is 500 and Slack delivers again. Workers take the work from the database with a
 * lease (15 s, renewed while they work): of two processes, or a restarted one, one runs an item. With its own
 * pool the handler resumes unfinished work when it starts and every second (work left by a stopped or crashed
 * process, whose leases expired, and work that waits for Slack's rate limit); with an injected executor, call
 * {@link #resumeWork()} on a schedule. A run that died while creating a ticket is taken over by the next run of
 * the same item, which looks the ticket up by external id first, so a crash at any point never makes a second
 * ticket. Ids expire after {@link Builder#eventRetention} ({@link #purgeExpiredEvents()} deletes them).
 * Independently, each message gets at most one ticket, even from different events arriving together: the link
 * row per (channel, message ts) is claimed by a primary key insert or one conditional update, and only the
 * claim's owner calls Gorgias. A reply posted in the instant before a crash may be posted again.
 *
 * <p><b>🎫 on a message</b> (reaction {@code ticket}; see {@link Builder#ticketReactions}): the handler reads the
 * message from its cache of recent messages (fed by {@code message} events if the app subscribes to them; a cached
 * message is copied to the database with the reaction's work, so work resumed after a restart needs no read), else
 * from the database, else with {@code conversations.history}, else {@code conversations.replies} (for a reply in a
 * thread); a message read from Slack is kept in the database too, until its ticket is linked or
 * {@link Builder#eventRetention} has passed. Both methods are limited to 1 request per minute for apps outside
 * the Marketplace, and the Web API client holds them to that without waiting (see {@link SlackWebClient}); so
 * subscribe to {@code message.channels} and the cache answers. A read our own limit holds back costs no attempt:
 * the work waits in the database and runs again when the limit allows. It finds the
 * customer (the {@link Builder#customerIdPattern} resolved to an email by the store, or an email in the text,
 * looked up in Gorgias, or {@link Builder#fallbackCustomerEmail}), creates the ticket (subject: the first line;
 * body: the text and the message's permalink; tags {@code slack} and {@link Builder#ticketTags}; external id
 * {@code slack:<channel>:<ts>}), stores the link and replies in the thread with the ticket. Another 🎫 replies
 * with the same ticket. If Gorgias fails after its retries, the thread says so and the link is FAILED: the next
 * 🎫 or {@link #retryFailed()} tries again, first looking the ticket up by external id, so none is made twice.
 *
 * <p><b>✅ on a linked message, or in its thread</b> (reaction {@code white_check_mark}): closes the ticket and
 * confirms in the thread. A reply in a thread is matched to its thread only through the message cache. No linked
 * ticket: nothing happens. A ticket closed from Slack is not closed again by a later ✅.
 *
 * <p><b>Mentions</b> ({@code app_mention}): the text, without the app's mention, goes to the
 * {@link QuestionAnswerer}; the answer goes to the thread. Without an answerer, mentions are ignored.
 *
 * <p>The app's own events (its bot user: {@link Builder#botUserId}, or the {@code authorizations} of the event),
 * reactions on files, and other events are acknowledged and ignored. The signing secret never appears in logs,
 * messages or {@code toString()}.
 *
 * <p><b>Meters</b> (in the store's registry): {@code custintel.slack.events}, a counter tagged {@code type} and
 * {@code outcome} ({@code accepted}, {@code duplicate}, {@code cached}, {@code ignored}, {@code answered},
 * {@code unauthorized}, {@code rejected}, {@code error}).
 */
public interface SlackEventsHandler extends AutoCloseable {

  /** Header with the request's Unix time in seconds. */
  String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  /** Header with {@code v0=} and the hex HMAC-SHA256 signature. */
  String SIGNATURE_HEADER = "X-Slack-Signature";
  /** Header Slack adds to a redelivery: 1, 2, 3. */
  String RETRY_NUM_HEADER = "X-Slack-Retry-Num";

  /**
   * Handles one request from Slack. Returns quickly: events are processed on the executor.
   *
   * @param request the raw body and the headers
   * @return what to answer: 200 (with the challenge for {@code url_verification}), 400, 401 or 500
   */
  SlackResponse handle(SlackRequest request);

  /**
   * @param channelId the message's channel
   * @param messageTs the message's ts
   * @return the message's ticket link, if a ticket reaction ever claimed it
   */
  Optional<TicketLink> ticketLink(String channelId, String messageTs);

  /**
   * Tries again, on the calling thread, to create the tickets of up to 100 FAILED links, and of PENDING links whose
   * claim is older than {@link Builder#claimTimeout} (an attempt that died), each with fewer than
   * {@link Builder#maxAttempts} attempts. Before creating, looks the ticket up by external id. Replies in the
   * thread on success only. Run it from a scheduler, every few minutes.
   *
   * @return how many links were tried, and how they ended
   */
  RetryReport retryFailed();

  /**
   * Runs, on the calling thread, up to 100 work items that are due: accepted events whose work has not run (the
   * executor refused it, or the process stopped or crashed; a crashed run's item once its lease has expired), and
   * work waiting for Slack's rate limit. The handler's own pool does this by itself, every second; call it on a
   * schedule when the handler was given an executor.
   *
   * @return how many items were run
   */
  int resumeWork();

  /**
   * Deletes the recorded event ids, and the kept copies of messages, that have expired (older than
   * {@link Builder#eventRetention}).
   *
   * @return how many event ids were deleted
   */
  int purgeExpiredEvents();

  /**
   * Stops taking work; with the handler's own pool, lets the running items finish for up to 10 s (an injected
   * executor is left alone). Work not done stays in the database, and the number of items left is logged: the next
   * handler on the database resumes them (a running item once its lease of 15 s has expired). Does not close the
   * store or the clients. Idempotent.
   */
  @Override
  void close();

  /** @return a builder; {@link Builder#build()} needs the signing secret, the clients and the store */
  static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link SlackEventsHandler}. Each method checks its value at once. */
  final class Builder {
    private @Nullable String signingSecret;
    private @Nullable SlackWebClient slack;
    private @Nullable GorgiasClient gorgias;
    private @Nullable CustintelStore store;
    private @Nullable QuestionAnswerer answerer;
    private @Nullable Executor executor;
    private @Nullable String botUserId;
    private Set<String> ticketReactions = Set.of("ticket");
    private Set<String> closeReactions = Set.of("white_check_mark");
    private @Nullable Pattern customerIdPattern;
    private @Nullable String fallbackCustomerEmail;
    private final List<String> ticketTags = new ArrayList<>(List.of("slack"));
    private @Nullable String ticketUrlTemplate;
    private Duration eventRetention = Duration.ofDays(7);
    private Duration claimTimeout = Duration.ofMinutes(10);
    private int maxAttempts = 10;
    private int messageCacheSize = 10_000;
    private Duration messageCacheTtl = Duration.ofHours(24);
    private @Nullable Clock clock;

    private Builder() {}

    /**
     * @param value the app's signing secret (Basic Information, App Credentials); never logged
     * @return this builder
     */
    public Builder signingSecret(String value) {
      this.signingSecret = Args.text(value, "signingSecret", 500);
      return this;
    }

    /**
     * @param value the Web API client with the app's bot token
     * @return this builder
     */
    public Builder slack(SlackWebClient value) {
      this.slack = Args.notNull(value, "slack");
      return this;
    }

    /**
     * @param value the Gorgias client tickets are made with
     * @return this builder
     */
    public Builder gorgias(GorgiasClient value) {
      this.gorgias = Args.notNull(value, "gorgias");
      return this;
    }

    /**
     * @param value the store (with a facade, {@code ci.store()}, so both share one pool and one profile cache): its
     *     database keeps event ids and ticket links (the integrations module's migrations), its customers resolve
     *     customer ids to emails, its meter registry gets the meters, its clock is the default clock
     * @return this builder
     */
    public Builder store(CustintelStore value) {
      this.store = Args.notNull(value, "store");
      return this;
    }

    /**
     * @param value answers mentions of the app; default none (mentions are ignored)
     * @return this builder
     */
    public Builder questionAnswerer(QuestionAnswerer value) {
      this.answerer = Args.notNull(value, "questionAnswerer");
      return this;
    }

    /**
     * @param value where events are processed after the acknowledgement; default a pool of 2 daemon threads the
     *     handler owns, which also resumes unfinished work. With an executor of the host's, call
     *     {@link SlackEventsHandler#resumeWork()} on a schedule. Tests pass {@code Runnable::run} to process
     *     events before {@code handle} returns.
     * @return this builder
     */
    public Builder executor(Executor value) {
      this.executor = Args.notNull(value, "executor");
      return this;
    }

    /**
     * @param value the app's bot user id (such as {@code U0LAN0Z89}): its own events are ignored and its mention
     *     is taken out of questions. Default: the bot users in each event's {@code authorizations}
     * @return this builder
     */
    public Builder botUserId(String value) {
      this.botUserId = Args.text(value, "botUserId", 32);
      return this;
    }

    /**
     * @param names reaction names (without colons) that ask for a ticket; default {@code ticket} (🎫)
     * @return this builder
     */
    public Builder ticketReactions(Set<String> names) {
      this.ticketReactions = reactions(names, "ticketReactions");
      return this;
    }

    /**
     * @param names reaction names that close the ticket; default {@code white_check_mark} (✅)
     * @return this builder
     */
    public Builder closeReactions(Set<String> names) {
      this.closeReactions = reactions(names, "closeReactions");
      return this;
    }

    /**
     * @param value how the shop's customer ids look in messages, such as {@code \bC-\d+\b}; a match is looked up
     *     in the store for the customer's email. Default none (only emails in the text are used)
     * @return this builder
     */
    public Builder customerIdPattern(Pattern value) {
      this.customerIdPattern = Args.notNull(value, "customerIdPattern");
      return this;
    }

    /**
     * @param value the ticket's customer when a message names none, such as the support team's own address;
     *     default none (the thread is asked to name the customer)
     * @return this builder
     */
    public Builder fallbackCustomerEmail(String value) {
      this.fallbackCustomerEmail = Args.email(value, "fallbackCustomerEmail");
      return this;
    }

    /**
     * @param value a tag to put on every ticket besides {@code slack}; call again for more
     * @return this builder
     */
    public Builder ticketTag(String value) {
      ticketTags.add(Args.text(value, "ticketTag", Args.MAX_TAG_LENGTH));
      return this;
    }

    /**
     * @param value the ticket's address with {@code {id}} for its id, linked in replies, such as
     *     {@code https://acme.gorgias.com/app/ticket/{id}}; default none (replies name the id only)
     * @return this builder
     */
    public Builder ticketUrlTemplate(String value) {
      Args.text(value, "ticketUrlTemplate", 1_000);
      if (!value.contains("{id}")) {
        throw InvalidInputException.argument("ticketUrlTemplate", "must contain {id} (was '" + value + "')");
      }
      this.ticketUrlTemplate = value;
      return this;
    }

    /**
     * @param value how long an event id is kept to drop redeliveries, at least 10 minutes (Slack retries within
     *     about 6); default 7 days
     * @return this builder
     */
    public Builder eventRetention(Duration value) {
      Args.positive(value, "eventRetention");
      if (value.compareTo(Duration.ofMinutes(10)) < 0) {
        throw InvalidInputException.argument("eventRetention", "must be at least 10 minutes (was " + value + ")");
      }
      this.eventRetention = value;
      return this;
    }

    /**
     * @param value how long an attempt may hold a message's claim before another may take over (it died), positive;
     *     longer than the Gorgias client's retries take; default 10 minutes
     * @return this builder
     */
    public Builder claimTimeout(Duration value) {
      this.claimTimeout = Args.positive(value, "claimTimeout");
      return this;
    }

    /**
     * @param value attempts after which {@link SlackEventsHandler#retryFailed()} gives a link up, 1 to 1,000; a new
     *     ticket reaction still tries. Default 10
     * @return this builder
     */
    public Builder maxAttempts(int value) {
      this.maxAttempts = Args.between(value, 1, 1_000, "maxAttempts");
      return this;
    }

    /**
     * @param maximumSize messages kept, 1 to 1,000,000; default 10,000
     * @param ttl how long a message is kept, positive; default 24 hours
     * @return this builder
     */
    public Builder messageCache(int maximumSize, Duration ttl) {
      this.messageCacheSize = Args.between(maximumSize, 1, 1_000_000, "messageCache.maximumSize");
      this.messageCacheTtl = Args.positive(ttl, "messageCache.ttl");
      return this;
    }

    /**
     * @param value the clock for signature timestamps, expiry and claims; default the store's clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Args.notNull(value, "clock");
      return this;
    }

    private static Set<String> reactions(Set<String> names, String field) {
      Args.notNull(names, field);
      if (names.isEmpty()) {
        throw InvalidInputException.argument(field, "must name at least one reaction");
      }
      Set<String> copy = new LinkedHashSet<>();
      for (String name : names) {
        Args.text(name, field, 100);
        if (name.startsWith(":") || name.endsWith(":")) {
          throw InvalidInputException.argument(field, "names come without colons, such as 'ticket' (was '" + name
              + "')");
        }
        copy.add(name);
      }
      return Collections.unmodifiableSet(copy);
    }

    /**
     * @return the handler
     * @throws InvalidInputException if the signing secret, a client or the store is missing, or a reaction is
     *     both a ticket and a close reaction
     */
    public SlackEventsHandler build() {
      String secret = Args.required(signingSecret, "signingSecret");
      SlackWebClient slackClient = Args.required(slack, "slack");
      GorgiasClient gorgiasClient = Args.required(gorgias, "gorgias");
      CustintelStore theStore = Args.required(store, "store");
      for (String name : ticketReactions) {
        if (closeReactions.contains(name)) {
          throw InvalidInputException.argument("closeReactions", "'" + name + "' is also a ticket reaction");
        }
      }
      return DefaultSlackEventsHandler.create(new HandlerSettings(secret, slackClient, gorgiasClient, theStore, answerer,
          executor, botUserId, ticketReactions, closeReactions, customerIdPattern, fallbackCustomerEmail,
          List.copyOf(new LinkedHashSet<>(ticketTags)), ticketUrlTemplate, eventRetention, claimTimeout, maxAttempts,
          messageCacheSize, messageCacheTtl, clock != null ? clock : theStore.clock()));
    }

    @Override
    public String toString() {
      return "SlackEventsHandler.Builder[signingSecret=" + (signingSecret == null ? "unset" : "(redacted)")
          + ", ticketReactions=" + ticketReactions + ", closeReactions=" + closeReactions + "]";
    }
  }
}
