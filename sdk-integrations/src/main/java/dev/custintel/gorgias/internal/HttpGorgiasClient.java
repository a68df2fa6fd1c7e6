package dev.custintel.gorgias.internal;

import dev.custintel.core.InvalidInputException;
import dev.custintel.gorgias.CallLimit;
import dev.custintel.gorgias.CreateTicketRequest;
import dev.custintel.gorgias.Customer;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.gorgias.GorgiasPage;
import dev.custintel.gorgias.Ticket;
import dev.custintel.gorgias.TicketMessage;
import dev.custintel.gorgias.TicketQuery;
import dev.custintel.gorgias.TicketStatus;
import dev.custintel.gorgias.TicketThread;
import dev.custintel.integrations.internal.http.Args;
import dev.custintel.integrations.internal.http.OwnedHttp;
import dev.custintel.integrations.internal.http.RateLimiter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** The {@link GorgiasClient} over OkHttp. Not API: build one with {@link GorgiasClient#builder()}. */
public final class HttpGorgiasClient implements GorgiasClient {
  private static final int MESSAGES_PAGE = 100;

  private final ClientSettings settings;
  private final OwnedHttp http;
  private final GorgiasCalls executor;

  private HttpGorgiasClient(ClientSettings settings, OkHttpClient http, boolean ownsHttp) {
    this.settings = settings;
    this.http = new OwnedHttp(http, ownsHttp, "GorgiasClient");
    this.executor = new GorgiasCalls(
        http,
        new RateLimiter(settings.rateLimitRequests(), settings.rateLimitWindow(), settings.clock()),
        settings.retry(),
        settings.sleeper(),
        settings.clock(),
        new GorgiasMetrics(settings.meterRegistry()));
  }

  /**
   * Derives the client's OkHttp client from the host's (sharing its pool and dispatcher) or from a new one. OkHttp's
   * own silent retry on connection failure is off: every resend is decided here, where a create is never resent
   * blindly.
   */
  public static GorgiasClient create(ClientSettings settings) {
    OkHttpClient base = settings.httpClient() != null ? settings.httpClient() : new OkHttpClient();
    OkHttpClient http = base.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        .retryOnConnectionFailure(false)
        .addInterceptor(new AuthInterceptor(settings.auth()))
        .build();
    return new HttpGorgiasClient(settings, http, settings.httpClient() == null);
  }

  @Override
  public GorgiasPage<Ticket> listTickets(TicketQuery query) {
    Args.notNull(query, "query");
    ensureOpen();
    HttpUrl.Builder url = api("tickets").addQueryParameter("limit", String.valueOf(query.limit()));
    addIfSet(url, "cursor", query.cursor());
    addIfSet(url, "order_by", query.order() == null ? null : query.order().wireName());
    addIfSet(url, "customer_id", query.customerId());
    addIfSet(url, "view_id", query.viewId());
    addIfSet(url, "external_id", query.externalId());
    GorgiasPage<Ticket> page = executor.execute(
        ApiCall.get("tickets.list", url.build(), "view or customer", listSubject(query)),
        n -> GorgiasJson.page(n, GorgiasJson::ticket));
    if (!query.filtersOnClient()) {
      return page;
    }
    return new GorgiasPage<>(
        page.items().stream().filter(query::matches).toList(), page.nextCursor(), page.previousCursor());
  }

  /** What a 404 on the list can only be about: the view or the customer the query names. */
  private static String listSubject(TicketQuery query) {
    List<String> named = new ArrayList<>();
    if (query.viewId() != null) {
      named.add("view " + query.viewId());
    }
    if (query.customerId() != null) {
      named.add("customer " + query.customerId());
    }
    return named.isEmpty() ? "(none named)" : String.join(", ", named);
  }

  @Override
  public Stream<Ticket> streamTickets(TicketQuery query) {
    Args.notNull(query, "query");
    ensureOpen();
    CursorIterator<Ticket> tickets =
        new CursorIterator<>("tickets.list", query.cursor(), cursor -> listTickets(query.withCursor(cursor)));
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(tickets, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public Ticket getTicket(long ticketId) {
    Args.id(ticketId, "ticketId");
    ensureOpen();
    return executor.execute(
        ApiCall.get("tickets.get", api("tickets", ticketId).build(), "ticket", String.valueOf(ticketId)),
        GorgiasJson::ticket);
  }

  @Override
  public TicketThread getTicketWithMessages(long ticketId) {
    Ticket ticket = getTicket(ticketId);
    List<TicketMessage> messages = new ArrayList<>();
    new CursorIterator<>("messages.list", null, cursor -> messages(ticketId, cursor)).forEachRemaining(messages::add);
    return new TicketThread(ticket, messages);
  }

  /** The messages endpoint that replaces the deprecated {@code /api/tickets/{id}/messages}. */
  private GorgiasPage<TicketMessage> messages(long ticketId, @Nullable String cursor) {
    HttpUrl.Builder url = api("messages")
        .addQueryParameter("ticket_id", String.valueOf(ticketId))
        .addQueryParameter("limit", String.valueOf(MESSAGES_PAGE))
        .addQueryParameter("order_by", "created_datetime:asc");
    addIfSet(url, "cursor", cursor);
    return executor.execute(
        ApiCall.get("messages.list", url.build(), "ticket", String.valueOf(ticketId)),
        n -> GorgiasJson.page(n, GorgiasJson::message));
  }

  @Override
  public Ticket createTicket(CreateTicketRequest request) {
    Args.notNull(request, "request");
    ensureOpen();
    Instant sentAt = request.sentAt() != null ? request.sentAt() : settings.clock().instant();
    ApiCall call = new ApiCall("tickets.create", "POST", api("tickets").build(),
        GorgiasJson.createTicket(request, sentAt), false, "ticket", request.externalId());
    return executor.execute(call, GorgiasJson::ticket, () -> findByExternalId(request.externalId()));
  }

  private Optional<Ticket> findByExternalId(String externalId) {
    return listTickets(TicketQuery.builder().externalId(externalId).limit(1).build()).items().stream().findFirst();
  }

  @Override
  public Ticket closeTicket(long ticketId) {
    return setStatus(ticketId, TicketStatus.CLOSED, "tickets.close");
  }

  @Override
  public Ticket reopenTicket(long ticketId) {
    return setStatus(ticketId, TicketStatus.OPEN, "tickets.reopen");
  }

  private Ticket setStatus(long ticketId, TicketStatus status, String operation) {
    Args.id(ticketId, "ticketId");
    ensureOpen();
    ApiCall call = new ApiCall(operation, "PUT", api("tickets", ticketId).build(), GorgiasJson.status(status), true,
        "ticket", String.valueOf(ticketId));
    // The update answers with the ticket; should it answer with no body, read the ticket.
    return executor.execute(call, n -> n.isObject() ? Optional.of(GorgiasJson.ticket(n)) : Optional.<Ticket>empty())
        .orElseGet(() -> getTicket(ticketId));
  }

  @Override
  public void addTags(long ticketId, List<String> tagNames) {
    Args.id(ticketId, "ticketId");
    Args.notNull(tagNames, "tagNames");
    if (tagNames.isEmpty()) {
      throw InvalidInputException.argument("tagNames", "must name at least one tag");
    }
    for (String name : tagNames) {
      Args.text(name, "tagNames", Args.MAX_TAG_LENGTH);
    }
    ensureOpen();
    // Adding a tag the ticket has changes nothing, so the call is idempotent and retried like a read.
    ApiCall call = new ApiCall("tickets.tags.add", "POST", api("tickets", ticketId).addPathSegment("tags").build(),
        GorgiasJson.tagNames(List.copyOf(new LinkedHashSet<>(tagNames))), true, "ticket", String.valueOf(ticketId));
    executor.execute(call, n -> Boolean.TRUE);
  }

  @Override
  public Optional<Customer> findCustomerByEmail(String email) {
    Args.email(email, "email");
    ensureOpen();
    HttpUrl url = api("customers").addQueryParameter("email", email).build();
    GorgiasPage<Customer> page = executor.execute(
        ApiCall.get("customers.find", url, "customer", email), n -> GorgiasJson.page(n, GorgiasJson::customer));
    return page.items().stream().filter(c -> email.equalsIgnoreCase(c.email())).findFirst();
  }

  @Override
  public Optional<CallLimit> callLimit() {
    return Optional.ofNullable(executor.callLimit());
  }

  @Override
  public void close() {
    http.close();
  }

  private void ensureOpen() {
    http.ensureOpen();
  }

  private HttpUrl.Builder api(String resource) {
    return settings.baseUrl().newBuilder().addPathSegment("api").addPathSegment(resource);
  }

  private HttpUrl.Builder api(String resource, long id) {
    return api(resource).addPathSegment(String.valueOf(id));
  }

  private static void addIfSet(HttpUrl.Builder url, String name, @Nullable Object value) {
    if (value != null) {
      url.addQueryParameter(name, value.toString());
    }
  }

  @Override
  public String toString() {
    return "GorgiasClient[baseUrl=" + settings.baseUrl() + ", auth=" + settings.auth() + ", rateLimit="
        + settings.rateLimitRequests() + " per " + settings.rateLimitWindow() + "]";
  }
}
