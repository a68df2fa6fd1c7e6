package dev.custintel.gorgias;

import dev.custintel.core.InvalidInputException;
import dev.custintel.gorgias.internal.Auth;
import dev.custintel.gorgias.internal.ClientSettings;
import dev.custintel.gorgias.internal.HttpGorgiasClient;
import dev.custintel.integrations.Sleeper;
import dev.custintel.integrations.internal.http.Args;
import dev.custintel.integrations.internal.http.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A client for one Gorgias account's REST API. Thread-safe; share one per account (its rate limiter only knows
 * the calls that go through it). Close it when done.
 *
 * <pre>{@code
 * try (GorgiasClient gorgias = GorgiasClient.builder()
 *     .subdomain("acme")                                   // https://acme.gorgias.com
 *     .basicAuth("agent@acme.com", apiKey)                 // or .bearerToken(tokenStore::current)
 *     .meterRegistry(registry)
 *     .build()) {
 *   Ticket t = gorgias.createTicket(CreateTicketRequest.builder()
 *       .externalId("order-1001-return").customerEmail("ada@example.com")
 *       .subject("Return for order 1001").bodyText("The parcel arrived damaged.").build());
 *   gorgias.addTags(t.id(), List.of("returns"));
 * }
 * }</pre>
 *
 * <p><b>Rate limit.</b> Every request first passes a client-side leaky bucket: by default 40 requests per 20 s with
 * an API key and 80 per 20 s with OAuth, Gorgias's documented limits ({@link Builder#rateLimit} for others, such
 * as Enterprise accounts' 10 s window). A request over the limit waits for the bucket to drain. A 429 answer is
 * retried after the API's {@code Retry-after}. {@link #callLimit()} gives the account's last reported usage.
 *
 * <p><b>Retries.</b> I/O errors and 5xx answers are retried, with exponential backoff and jitter, on the calls that
 * are safe to repeat: reads, close, reopen and add-tags (adding a tag twice leaves the same tags). A create is
 * never sent twice blindly: after a failure whose outcome is unknown, the client lists tickets with the request's
 * external id and sends the create again only if there is none. Other 4xx answers are not retried.
 *
 * <p><b>Errors.</b> Null arguments throw {@link NullPointerException} naming the parameter, other bad arguments
 * {@link InvalidInputException}, both before any request; remote failures throw a
 * {@link GorgiasException} subtype. Credentials never appear in logs, messages or {@code toString()}.
 *
 * <p><b>Meters</b> (in the builder's {@link MeterRegistry}): {@code custintel.gorgias.requests}, a timer per HTTP
 * attempt tagged {@code operation} (such as {@code tickets.create}), {@code method}, {@code status} (the HTTP
 * status, or {@code IO_ERROR}) and {@code outcome} ({@code success}, {@code client_error}, {@code rate_limited},
 * {@code server_error}, {@code io_error}); {@code custintel.gorgias.retries}, a counter tagged {@code operation}
 * and {@code reason} (the status, or {@code IO_ERROR}); {@code custintel.gorgias.throttle}, a timer of the waits
 * the client-side rate limiter imposed.
 */
public interface GorgiasClient extends AutoCloseable {

  /**
   * Reads one page of tickets ({@code GET /api/tickets}). Status and tag filters are applied by the client to
   * the page the API returns, so the page may hold fewer than {@code query.limit()} tickets (see
   * {@link TicketQuery}).
   *
   * @param query filters, order, page size and cursor
   * @return the page, with the cursor of the next one
   */
  GorgiasPage<Ticket> listTickets(TicketQuery query);

  /**
   * Every ticket matching the query, over all pages. Lazy: a page is requested only when the stream reaches it,
   * so {@code limit(5)} on the stream costs one request. Status and tag filters are applied by the client while
   * paging (see {@link TicketQuery}). Failures surface from the stream's terminal operation.
   *
   * @param query filters, order, page size (per request) and starting cursor
   * @return the tickets, in the query's order
   */
  Stream<Ticket> streamTickets(TicketQuery query);

  /**
   * Reads a ticket ({@code GET /api/tickets/{id}}).
   *
   * @param ticketId a positive ticket id
   * @return the ticket
   * @throws GorgiasNotFoundException if the account has no such ticket
   */
  Ticket getTicket(long ticketId);

  /**
   * Reads a ticket and all its messages, oldest first ({@code GET /api/tickets/{id}}, then every page of
   * {@code GET /api/messages?ticket_id=}, 100 a page).
   *
   * @param ticketId a positive ticket id
   * @return the ticket and its messages
   * @throws GorgiasNotFoundException if the account has no such ticket
   */
  TicketThread getTicketWithMessages(long ticketId);

  /**
   * Creates a ticket with one incoming customer message ({@code POST /api/tickets}, see
   * {@link CreateTicketRequest}). After an I/O error or a 5xx answer the client looks the ticket up by external
   * id and returns it if it exists; it sends the create again only if it does not.
   *
   * @param request the ticket
   * @return the ticket Gorgias created (or found by external id after a failed attempt)
   * @throws GorgiasValidationException if Gorgias rejects the data, with its messages per field
   */
  Ticket createTicket(CreateTicketRequest request);

  /**
   * Closes a ticket ({@code PUT /api/tickets/{id}} with status {@code closed}). Closing a closed ticket changes
   * nothing.
   *
   * @param ticketId a positive ticket id
   * @return the ticket after the change
   */
  Ticket closeTicket(long ticketId);

  /**
   * Reopens a ticket ({@code PUT /api/tickets/{id}} with status {@code open}).
   *
   * @param ticketId a positive ticket id
   * @return the ticket after the change
   */
  Ticket reopenTicket(long ticketId);

  /**
   * Adds tags to a ticket, keeping the ones it has ({@code POST /api/tickets/{id}/tags} with {@code names}).
   * Gorgias creates tags that do not exist yet.
   *
   * @param ticketId a positive ticket id
   * @param tagNames one or more tag names, case-sensitive, each 1 to 256 characters
   */
  void addTags(long ticketId, List<String> tagNames);

  /**
   * Finds the customer with this email address ({@code GET /api/customers?email=}); Gorgias keeps email
   * addresses unique per account. Compared without regard to case.
   *
   * @param email an email address
   * @return the customer, or empty if the account has none with that address
   */
  Optional<Customer> findCustomerByEmail(String email);

  /**
   * @return the account's API usage from the last response that reported it, or empty before the first one
   */
  Optional<CallLimit> callLimit();

  /**
   * Releases the HTTP client's threads and connections if the client created it (an injected
   * {@code OkHttpClient} is left alone). Idempotent; calls after close fail.
   */
  @Override
  void close();

  /** @return a builder; {@link Builder#build()} needs an account and credentials */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link GorgiasClient}. Each method checks its value at once; {@link #build()} checks that an
   * account ({@link #subdomain} or {@link #baseUrl}) and credentials ({@link #basicAuth} or {@link #bearerToken})
   * were given. {@code toString()} never shows the credentials.
   */
  final class Builder {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private @Nullable HttpUrl baseUrl;
    private @Nullable Auth auth;
    private @Nullable OkHttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private int rateLimitRequests;
    private @Nullable Duration rateLimitWindow;
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private @Nullable MeterRegistry meterRegistry;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * Talks to {@code https://{subdomain}.gorgias.com}.
     *
     * @param value the account's subdomain, such as {@code "acme"}: lower-case letters, digits and inner hyphens
     * @return this builder
     */
    public Builder subdomain(String value) {
      Args.text(value, "subdomain", 63);
      if (!SUBDOMAIN.matcher(value).matches()) {
        throw InvalidInputException.argument(
            "subdomain", "must be lower-case letters, digits and inner hyphens, such as 'acme' (was '" + value
                + "')");
      }
      setBaseUrl("subdomain", HttpUrl.get("https://" + value + ".gorgias.com/"));
      return this;
    }

    /**
     * Talks to another base URL: a proxy, or a stand-in server in tests. Requests go to {@code {baseUrl}/api/...}.
     *
     * @param value an {@code https} URL, or {@code http} for a loopback host only (credentials never travel in
     *     clear text across a network)
     * @return this builder
     */
    public Builder baseUrl(String value) {
      HttpUrl url = Args.baseUrl(value, "baseUrl");
      setBaseUrl("baseUrl", url);
      return this;
    }

    /**
     * Authenticates with a private app's API key over HTTP Basic. Default rate limit: 40 requests per 20 s.
     *
     * @param accountEmail the email of the Gorgias user the key belongs to
     * @param apiKey the API key (Settings, REST API); never logged
     * @return this builder
     */
    public Builder basicAuth(String accountEmail, String apiKey) {
      Args.email(accountEmail, "accountEmail");
      Args.text(apiKey, "apiKey", 1_000);
      setAuth(Auth.basic(accountEmail, apiKey));
      return this;
    }

    /**
     * Authenticates with an OAuth2 access token, asked of {@code tokens} before every request (so a refreshed
     * token is picked up at once). Default rate limit: 80 requests per 20 s.
     *
     * @param tokens gives the current access token; called on the request thread, should be fast
     * @return this builder
     */
    public Builder bearerToken(Supplier<String> tokens) {
      setAuth(Auth.bearer(Args.notNull(tokens, "bearerToken")));
      return this;
    }

    /**
     * Shares the host's OkHttp client: the Gorgias client derives its own with {@code newBuilder()}, so the
     * connection pool and dispatcher are shared, and never shuts it down. Default: a client of its own.
     *
     * @param value the host's client
     * @return this builder
     */
    public Builder httpClient(OkHttpClient value) {
      this.httpClient = Args.notNull(value, "httpClient");
      return this;
    }

    /**
     * @param value the TCP connect timeout, positive; default 10 s
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Args.positive(value, "connectTimeout");
      return this;
    }

    /**
     * @param value the longest wait for data on an open connection, positive; default 30 s
     * @return this builder
     */
    public Builder readTimeout(Duration value) {
      this.readTimeout = Args.positive(value, "readTimeout");
      return this;
    }

    /**
     * @param value the longest one HTTP attempt may take end to end, positive; default 60 s (retries and
     *     rate-limit waits come on top)
     * @return this builder
     */
    public Builder callTimeout(Duration value) {
      this.callTimeout = Args.positive(value, "callTimeout");
      return this;
    }

    /**
     * Sets the client-side leaky bucket: at most {@code requests} in any {@code window}, draining evenly.
     * Default: 40 per 20 s with {@link #basicAuth}, 80 per 20 s with {@link #bearerToken}.
     *
     * @param requests requests per window, 1 to 10,000
     * @param window the window, positive (Enterprise accounts: 10 s)
     * @return this builder
     */
    public Builder rateLimit(int requests, Duration window) {
      this.rateLimitRequests = Args.between(requests, 1, 10_000, "rateLimit.requests");
      this.rateLimitWindow = Args.positive(window, "rateLimit.window");
      return this;
    }

    /**
     * @param value retries after the first attempt, 0 to 10; default 3
     * @return this builder
     */
    public Builder maxRetries(int value) {
      this.maxRetries = Args.between(value, 0, 10, "maxRetries");
      return this;
    }

    /**
     * Sets the backoff between retries: the n-th retry waits between half and all of
     * {@code min(maxBackoff, initial * 2^(n-1))}, at random.
     *
     * @param initial the first retry's ceiling, positive; default 500 ms
     * @param max the ceiling of any retry, at least {@code initial}; default 8 s
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      Args.positive(initial, "backoff.initial");
      Args.positive(max, "backoff.max");
      if (max.compareTo(initial) < 0) {
        throw InvalidInputException.argument(
            "backoff.max", "must be at least backoff.initial (" + initial + ") (was " + max + ")");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * @param value the longest {@code Retry-after} the client waits out by itself, positive; a longer one fails at
     *     once with {@link GorgiasRateLimitException} carrying it. Default 60 s.
     * @return this builder
     */
    public Builder maxRetryAfter(Duration value) {
      this.maxRetryAfter = Args.positive(value, "maxRetryAfter");
      return this;
    }

    /**
     * @param value where to register the {@code custintel.gorgias.*} meters. Default: an empty
     *     {@code CompositeMeterRegistry} of the client's own, as the core store does, so meters cost next to
     *     nothing and go nowhere until you pass the host's registry. (Not Micrometer's global registry: no
     *     hidden global state.)
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.meterRegistry = Args.notNull(value, "meterRegistry");
      return this;
    }

    /**
     * @param value the clock the rate limiter measures with and that dates call-limit figures and messages'
     *     sent time; default UTC system clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Args.notNull(value, "clock");
      return this;
    }

    /**
     * @param value what waits between retries and for the rate limiter; default {@link Sleeper#system()}
     * @return this builder
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Args.notNull(value, "sleeper");
      return this;
    }

    /**
     * @return the client
     * @throws InvalidInputException if no account or no credentials were given
     */
    public GorgiasClient build() {
      if (baseUrl == null) {
        throw InvalidInputException.argument("account", "is required: call subdomain or baseUrl");
      }
      if (auth == null) {
        throw InvalidInputException.argument("credentials", "are required: call basicAuth or bearerToken");
      }
      int requests = rateLimitRequests > 0 ? rateLimitRequests : auth.defaultRequestsPerWindow();
      Duration window = rateLimitWindow != null ? rateLimitWindow : Auth.DEFAULT_WINDOW;
      return HttpGorgiasClient.create(new ClientSettings(
          baseUrl,
          auth,
          httpClient,
          connectTimeout,
          readTimeout,
          callTimeout,
          requests,
          window,
          RetryPolicy.withJitter(maxRetries, initialBackoff, maxBackoff, maxRetryAfter),
          meterRegistry != null ? meterRegistry : new CompositeMeterRegistry(),
          clock,
          sleeper));
    }

    private void setBaseUrl(String name, HttpUrl url) {
      if (baseUrl != null) {
        throw InvalidInputException.argument(name, "the account was already set to " + baseUrl);
      }
      baseUrl = url;
    }

    private void setAuth(Auth value) {
      if (auth != null) {
        throw InvalidInputException.argument("credentials", "were already set (" + auth + "): give one kind");
      }
      auth = value;
    }

    /** @return the settings so far, without credentials */
    @Override
    public String toString() {
      return "GorgiasClient.Builder[baseUrl=" + baseUrl + ", auth=" + auth + "]";
    }
  }
}
