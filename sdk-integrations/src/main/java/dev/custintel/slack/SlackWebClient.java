package dev.custintel.slack;

import dev.custintel.core.InvalidInputException;
import dev.custintel.integrations.Sleeper;
import dev.custintel.integrations.internal.http.Args;
import dev.custintel.integrations.internal.http.RetryPolicy;
import dev.custintel.slack.internal.HttpSlackWebClient;
import dev.custintel.slack.internal.WebClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The few Slack Web API methods the Slack helpers use, over OkHttp with the bot token as a Bearer header.
 * Thread-safe; share one per workspace. Close it when done.
 *
 * <pre>{@code
 * try (SlackWebClient slack = SlackWebClient.builder().botToken(System.getenv("SLACK_BOT_TOKEN")).build()) {
 *   slack.postMessage("C024BE91L", "1712345678.000200", "Ticket #123 created");
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> Slack answers most failures with HTTP 200 and {@code {"ok":false,"error":"..."}}; those throw
 * {@link SlackApiException} carrying the error code. Other failures throw {@link SlackException}.
 *
 * <p><b>Rate limits.</b> A 429 is retried after its {@code Retry-After} (seconds), waited with the builder's
 * {@link Sleeper}, up to {@link Builder#maxRetryAfter}; then {@link SlackRateLimitException}. Slack limits
 * {@code conversations.history} and {@code conversations.replies} to <b>1 request per minute</b> (and 15 messages)
 * for apps distributed outside the Slack Marketplace: new apps since 2025-05-29, existing installs from
 * 2026-03-03. Marketplace and internal customer-built apps keep Tier 3 (50+ per minute). So the client holds those
 * two methods to 1 request per minute each by default, without waiting: a call over the limit throws
 * {@link SlackRateLimitException} with {@code sent() == false} and the wait, and the caller decides (the events
 * handler falls back to its message cache and the other method). Raise it with
 * {@link Builder#conversationReadLimit} for an internal or Marketplace app.
 *
 * <p><b>Retries.</b> 5xx answers and I/O errors are retried, with backoff and jitter, for the reads
 * ({@code conversations.*}, {@code chat.getPermalink}); never for {@code chat.postMessage}, which could post twice.
 *
 * <p><b>Meters:</b> {@code custintel.slack.requests}, a timer per HTTP attempt tagged {@code method} and
 * {@code outcome} ({@code ok}, {@code api_error}, {@code rate_limited}, {@code server_error},
 * {@code client_error}, {@code io_error}).
 */
public interface SlackWebClient extends AutoCloseable {

  /**
   * Posts a message ({@code chat.postMessage}).
   *
   * @param channelId the conversation
   * @param threadTs the ts of the thread's parent message to reply in its thread; null to post in the channel
   * @param text the text, in Slack's markup, 1 to 40,000 characters
   * @return the posted message
   * @throws SlackApiException for {@code ok:false}, such as {@code not_in_channel}
   */
  SlackMessage postMessage(String channelId, @Nullable String threadTs, String text);

  /**
   * Reads one top-level message ({@code conversations.history} with {@code latest=ts}, {@code inclusive=true},
   * {@code limit=1}). History holds only thread parents and messages outside threads; for a reply in a thread it
   * answers with an earlier message, so this returns empty.
   *
   * @param channelId the conversation (the app must be a member)
   * @param ts the message's ts
   * @return the message, or empty if history has no message with that ts
   * @throws SlackRateLimitException if the client-side limit holds the call back, or Slack's 429s outlast the
   *     retries
   */
  Optional<SlackMessage> historyMessage(String channelId, String ts);

  /**
   * Reads one message of a thread ({@code conversations.replies} with {@code ts}, {@code inclusive=true}).
   * Slack's documentation says bot tokens may call this method only in direct messages, not in public or private
   * channels; in channels expect {@link SlackApiException} and rely on the events handler's message cache.
   *
   * @param channelId the conversation
   * @param ts the ts of the message
   * @return the message, or empty if the thread Slack returned does not hold it
   */
  Optional<SlackMessage> threadMessage(String channelId, String ts);

  /**
   * Gets a message's permanent link ({@code chat.getPermalink}).
   *
   * @param channelId the conversation
   * @param messageTs the message's ts
   * @return the link, such as {@code https://acme.slack.com/archives/C024BE91L/p1712345678000200}
   */
  String permalink(String channelId, String messageTs);

  /** Releases the HTTP client's threads and connections if the client created it. Idempotent. */
  @Override
  void close();

  /** @return a builder; {@link Builder#build()} needs a bot token */
  static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link SlackWebClient}. Each method checks its value at once; {@code toString()} hides the token. */
  final class Builder {
    private static final HttpUrl DEFAULT_BASE = HttpUrl.get("https://slack.com/api/");

    private HttpUrl baseUrl = DEFAULT_BASE;
    private @Nullable String botToken;
    private @Nullable OkHttpClient httpClient;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration maxRetryAfter = Duration.ofSeconds(90);
    private int readRequests = 1;
    private Duration readPeriod = Duration.ofMinutes(1);
    private @Nullable MeterRegistry meterRegistry;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * @param value the bot token ({@code xoxb-...}), sent as {@code Authorization: Bearer}; never logged
     * @return this builder
     */
    public Builder botToken(String value) {
      Args.text(value, "botToken", 500);
      if (!value.equals(value.strip())) {
        throw InvalidInputException.argument("botToken", "must not start or end with whitespace");
      }
      this.botToken = value;
      return this;
    }

    /**
     * @param value the Web API's base URL; default {@code https://slack.com/api/}. An {@code https} URL, or
     *     {@code http} for a loopback host only (a stand-in server in tests)
     * @return this builder
     */
    public Builder baseUrl(String value) {
      // A trailing slash, so that method names resolve under the path rather than beside its last segment.
      this.baseUrl = Args.baseUrl(value == null || value.endsWith("/") ? value : value + "/", "baseUrl");
      return this;
    }

    /**
     * @param value the host's OkHttp client, shared through {@code newBuilder()} and never shut down
     * @return this builder
     */
    public Builder httpClient(OkHttpClient value) {
      this.httpClient = Args.notNull(value, "httpClient");
      return this;
    }

    /**
     * @param value the longest one HTTP attempt may take, positive; default 30 s
     * @return this builder
     */
    public Builder timeout(Duration value) {
      this.timeout = Args.positive(value, "timeout");
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
     * @param value the longest {@code Retry-After} waited out, positive; longer ones fail at once with
     *     {@link SlackRateLimitException}. Default 90 s (Tier 1 methods ask for about a minute).
     * @return this builder
     */
    public Builder maxRetryAfter(Duration value) {
      this.maxRetryAfter = Args.positive(value, "maxRetryAfter");
      return this;
    }

    /**
     * Sets the client-side limit of {@code conversations.history} and, separately, of
     * {@code conversations.replies}. Default: 1 per minute each, Slack's limit for apps outside the Marketplace.
     *
     * @param requests requests per period, 1 to 1,000 (Tier 3 apps: 50 per minute)
     * @param period the period, positive
     * @return this builder
     */
    public Builder conversationReadLimit(int requests, Duration period) {
      this.readRequests = Args.between(requests, 1, 1_000, "conversationReadLimit.requests");
      this.readPeriod = Args.positive(period, "conversationReadLimit.period");
      return this;
    }

    /**
     * @param value where to register the {@code custintel.slack.requests} timer; default an empty registry of
     *     the client's own
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.meterRegistry = Args.notNull(value, "meterRegistry");
      return this;
    }

    /**
     * @param value the clock the client-side limiter measures with; default UTC system clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Args.notNull(value, "clock");
      return this;
    }

    /**
     * @param value what waits out {@code Retry-After} and the backoff; default {@link Sleeper#system()}
     * @return this builder
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Args.notNull(value, "sleeper");
      return this;
    }

    /**
     * @return the client
     * @throws InvalidInputException if no bot token was given
     */
    public SlackWebClient build() {
      if (botToken == null) {
        throw InvalidInputException.argument("botToken", "is required");
      }
      return HttpSlackWebClient.create(new WebClientSettings(
          baseUrl,
          botToken,
          httpClient,
          timeout,
          RetryPolicy.withJitter(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(8), maxRetryAfter),
          readRequests,
          readPeriod,
          meterRegistry != null ? meterRegistry : new CompositeMeterRegistry(),
          clock,
          sleeper));
    }

    @Override
    public String toString() {
      return "SlackWebClient.Builder[baseUrl=" + baseUrl + ", botToken=" + (botToken == null ? "unset" : "(redacted)")
          + ", conversationReadLimit=" + readRequests + " per " + readPeriod + "]";
    }
  }
}
