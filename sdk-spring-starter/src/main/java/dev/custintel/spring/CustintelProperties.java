package dev.custintel.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The starter's settings, under {@code custintel.*}. Immutable; bound once at start. Every group has defaults, so an
 * application that sets nothing gets the embedded H2 database under {@code ./custintel-data}, REST under
 * {@code /api} and {@code /admin}, API-key security and a health group for model freshness.
 *
 * @param enabled whether the starter configures anything at all
 * @param embedded the embedded H2 database, used when the application has no {@code DataSource} bean and sets no
 *     {@code spring.datasource.url}
 * @param store the store's table prefix, migrations, profile cache and pool
 * @param api where the REST endpoints are mounted
 * @param security API keys and their rate limit
 * @param models model runs: the age past which the active run is reported stale
 * @param gorgias the Gorgias helpdesk client, configured when its subdomain or base URL is set
 * @param slack the Slack events endpoint, mounted when its signing secret is set
 * @param sync pull sync of orders from the shop's own database: a JDBC source and a schedule
 * @param events the server-sent event stream of the customer event log, and how long the log keeps events
 * @param dashboard the dashboard WebSocket at {@code /ws/dashboard} and its page at {@code /dashboard}
 */
@ConfigurationProperties("custintel")
public record CustintelProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue Embedded embedded,
    @DefaultValue Store store,
    @DefaultValue Api api,
    @DefaultValue Security security,
    @DefaultValue Models models,
    @DefaultValue Gorgias gorgias,
    @DefaultValue Slack slack,
    @DefaultValue Sync sync,
    @DefaultValue Events events,
    @DefaultValue Dashboard dashboard) {

  /**
   * The embedded default database.
   *
   * @param directory the directory of the H2 database files, created when missing
   */
  public record Embedded(@DefaultValue("custintel-data") Path directory) {}

  /**
   * The store over the database.
   *
   * @param tablePrefix the prefix of every Custintel table: a lower-case letter, then up to 15 lower-case letters,
   *     digits or underscores
   * @param migrateOnStart whether Custintel's migrations run when the application starts
   * @param profileCacheSize how many customer profiles the cache keeps (0 turns the cache off)
   * @param profileCacheTtl how long a cached profile is served before it is read again
   * @param maximumPoolSize the size of the connection pool the store creates (unused over an application's own
   *     {@code DataSource}, whose pool is the application's)
   * @param connectionTimeout how long a request waits for a connection of that pool before it is answered 503
   */
  public record Store(
      @DefaultValue("ci_") String tablePrefix,
      @DefaultValue("true") boolean migrateOnStart,
      @DefaultValue("10000") long profileCacheSize,
      @DefaultValue("5m") Duration profileCacheTtl,
      @DefaultValue("10") int maximumPoolSize,
      @DefaultValue("5s") Duration connectionTimeout) {}

  /**
   * Where the REST endpoints are.
   *
   * @param enabled whether the REST controllers are mounted
   * @param basePath the path of the client endpoints, such as {@code /api}
   * @param adminPath the path of the admin endpoints, such as {@code /admin}
   * @param maxBodySize the largest request body accepted under both paths; larger ones get 413 before they are read
   */
  public record Api(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("/api") String basePath,
      @DefaultValue("/admin") String adminPath,
      @DefaultValue("10MB") DataSize maxBodySize) {}

  /**
   * API-key security of the REST endpoints.
   *
   * @param enabled whether the endpoints require an API key in {@code X-API-Key}; turning it off leaves them open
   *     to anyone who can reach the port
   * @param bootstrapAdminKey an admin key stored (hashed) on start when no admin key exists yet; when unset and no
   *     admin key exists, one is generated and logged once
   * @param rateLimit the per-key request limit
   * @param revocationCheckInterval how often the keys of open dashboard sockets and event streams are checked
   *     again: a connection whose key was revoked since it opened is closed at the next check
   */
  public record Security(
      @DefaultValue("true") boolean enabled,
      @Nullable String bootstrapAdminKey,
      @DefaultValue RateLimit rateLimit,
      @DefaultValue("15s") Duration revocationCheckInterval) {

    /** @return the settings, with the bootstrap key hidden */
    @Override
    public String toString() {
      return "Security[enabled=" + enabled + ", bootstrapAdminKey=" + (bootstrapAdminKey == null ? "unset" : "****")
          + ", rateLimit=" + rateLimit + ", revocationCheckInterval=" + revocationCheckInterval + "]";
    }
  }

  /**
   * The per-key rate limit: a token bucket that holds a minute's worth of requests and refills continuously.
   *
   * @param requestsPerMinute the requests one key may make per minute; past it the answer is 429 with
   *     {@code Retry-After}
   */
  public record RateLimit(@DefaultValue("6000") int requestsPerMinute) {}

  /**
   * Model runs.
   *
   * @param maxAge the age of the active run past which the {@code custintelModels} health indicator reports
   *     {@code OUT_OF_SERVICE}
   * @param rescoreOnIngest whether each committed ingestion re-scores the customers it changed under the active run,
   *     with their events (off: their scores wait for the next model run)
   */
  public record Models(@DefaultValue("7d") Duration maxAge, @DefaultValue("true") boolean rescoreOnIngest) {}

  /**
   * The Gorgias helpdesk client, created when {@code subdomain} or {@code base-url} is set.
   *
   * @param subdomain the account's subdomain, such as {@code acme} for acme.gorgias.com
   * @param baseUrl a full base URL for the API calls instead of the subdomain's (a proxy, or a stand-in server in
   *     tests; {@code http} only on a loopback host); when both are set, the calls go here and the subdomain still
   *     makes the ticket links in Slack replies
   * @param email the API user's e-mail address
   * @param apiKey the API user's key; never logged
   */
  public record Gorgias(
      @Nullable String subdomain, @Nullable String baseUrl, @Nullable String email, @Nullable String apiKey) {

    /** @return the settings, with the key hidden */
    @Override
    public String toString() {
      return "Gorgias[subdomain=" + subdomain + ", baseUrl=" + baseUrl + ", email=" + email + ", apiKey="
          + (apiKey == null ? "unset" : "****") + "]";
    }
  }

  /**
   * The Slack events endpoint at {@code POST /slack/events}, mounted when the signing secret is set. It makes
   * Gorgias tickets, so it needs the Gorgias client too.
   *
   * @param signingSecret the app's signing secret, which checks every request; never logged
   * @param botToken the bot token for Web API calls (replies and reactions); never logged
   * @param apiUrl the Web API's base URL instead of Slack's own {@code https://slack.com/api/}: a proxy, or a
   *     stand-in server in tests ({@code http} only on a loopback host)
   * @param dashboardUrl the dashboard's address as people open it (such as {@code https://shop.example/dashboard}),
   *     linked from answers to mentions; unset for no link
   */
  public record Slack(@Nullable String signingSecret, @Nullable String botToken, @Nullable String apiUrl,
      @Nullable String dashboardUrl) {

    /** @return the settings, with the secrets hidden */
    @Override
    public String toString() {
      return "Slack[signingSecret=" + (signingSecret == null ? "unset" : "****") + ", botToken="
          + (botToken == null ? "unset" : "****") + ", apiUrl=" + apiUrl + ", dashboardUrl=" + dashboardUrl + "]";
    }
  }

  /**
   * Pull sync: every {@code OrderSource} bean of the application, and the JDBC source below when its SQL is set,
   * runs on {@code POST /admin/sync} and, when {@code interval} is set, on a schedule.
   *
   * @param interval how often each source runs; unset (the default) runs them only on demand
   * @param pageSize the most order lines a source reads at once
   * @param jdbc a source over the shop's own tables
   */
  public record Sync(@Nullable Duration interval, @DefaultValue("1000") int pageSize, @DefaultValue Jdbc jdbc) {}

  /**
   * A JDBC order source (see {@code dev.custintel.core.sync.JdbcOrderSource} for the columns the SQL returns).
   *
   * @param name the source's name in the sync status
   * @param sql the shop's query, with {@code :watermark} and optionally {@code :limit}; the source is made when
   *     this is set
   * @param watermarkColumn the result column that grows when an order changes
   * @param watermarkType {@code timestamp} or {@code number}
   * @param url the shop database's JDBC URL; unset means the application's {@code DataSource} bean
   * @param username the shop database's user
   * @param password the shop database's password; never logged
   */
  public record Jdbc(
      @DefaultValue("shop") String name,
      @Nullable String sql,
      @DefaultValue("updated_at") String watermarkColumn,
      @DefaultValue("timestamp") String watermarkType,
      @Nullable String url,
      @Nullable String username,
      @Nullable String password) {

    /** @return the settings, with the password hidden */
    @Override
    public String toString() {
      return "Jdbc[name=" + name + ", watermarkColumn=" + watermarkColumn + ", watermarkType=" + watermarkType
          + ", url=" + (url == null ? "unset" : dev.custintel.core.store.Credentials.mask(url)) + ", username="
          + username + ", password=" + (password == null ? "unset" : "****") + "]";
    }
  }

  /**
   * The event stream at {@code GET {base-path}/events/stream}, and the retention of the event log.
   *
   * @param pollInterval how often the one shared poller reads the event log for every client
   * @param heartbeat how often each client gets a comment line, which keeps proxies from closing an idle stream and
   *     finds clients that went away
   * @param bufferSize the most messages waiting for one client; a client that falls this far behind is dropped and
   *     resumes with {@code Last-Event-ID} when it reconnects
   * @param senderThreads the threads that write to the clients (a client whose socket is full holds one until its
   *     write fails)
   * @param retention how long events stay in the log: every {@code purge-interval} the events that occurred longer
   *     ago than this are deleted; zero or negative keeps every event (no purge runs)
   * @param purgeInterval how often the retention purge runs (its first run is one interval after start)
   */
  public record Events(
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("15s") Duration heartbeat,
      @DefaultValue("1000") int bufferSize,
      @DefaultValue("4") int senderThreads,
      @DefaultValue("30d") Duration retention,
      @DefaultValue("1h") Duration purgeInterval) {}

  /**
   * The dashboard WebSocket at {@code /ws/dashboard}: one JSON message of the shop's current figures every
   * {@code interval} to every open session, computed once for all of them.
   *
   * @param enabled whether the endpoint is mounted (it also needs {@code custintel.api.enabled})
   * @param interval how often the figures are computed and sent, while at least one session is open
   * @param zone the time zone whose calendar day is "today" for {@code ordersToday} and {@code revenueToday}
   * @param sendTimeLimit how long one send to a session may take; a session whose send has taken longer (it stopped
   *     reading) is closed with 4500 and counted in {@code custintel.ws.drops}
   * @param pageEnabled whether the dashboard page is served at {@code /dashboard} (it also needs {@code enabled}); the
   *     page holds no data and is public: it asks for an API key and reads the API and the socket with it
   */
  public record Dashboard(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5s") Duration interval,
      @DefaultValue("UTC") java.time.ZoneId zone,
      @DefaultValue("10s") Duration sendTimeLimit,
      @DefaultValue("true") boolean pageEnabled) {}
}
