package dev.custintel.slack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.integrations.internal.http.Args;
import dev.custintel.integrations.internal.http.OwnedHttp;
import dev.custintel.integrations.internal.http.RateLimiter;
import dev.custintel.slack.SlackException;
import dev.custintel.slack.SlackMessage;
import dev.custintel.slack.SlackWebClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** The {@link SlackWebClient} over OkHttp. Not API: build one with {@link SlackWebClient#builder()}. */
public final class HttpSlackWebClient implements SlackWebClient {
  static final String HISTORY = "conversations.history";
  static final String REPLIES = "conversations.replies";
  /** Longest channel id or ts accepted (the Slack tables' columns). */
  static final int MAX_ID = 255;
  /** chat.postMessage truncates longer texts; refuse them instead. */
  static final int MAX_TEXT = 40_000;

  private final WebClientSettings settings;
  private final OwnedHttp http;
  private final SlackCalls calls;

  private HttpSlackWebClient(WebClientSettings settings, OkHttpClient http, boolean ownsHttp) {
    this.settings = settings;
    this.http = new OwnedHttp(http, ownsHttp, "SlackWebClient");
    this.calls = new SlackCalls(http, settings.baseUrl(), settings.retry(), settings.sleeper(),
        new SlackMetrics(settings.meterRegistry()), Map.of(
            HISTORY, new RateLimiter(settings.readRequests(), settings.readPeriod(), settings.clock()),
            REPLIES, new RateLimiter(settings.readRequests(), settings.readPeriod(), settings.clock())));
  }

  /** Derives the OkHttp client (sharing the host's pool if given); OkHttp's own silent retries are off. */
  public static SlackWebClient create(WebClientSettings settings) {
    OkHttpClient base = settings.httpClient() != null ? settings.httpClient() : new OkHttpClient();
    OkHttpClient http = base.newBuilder()
        .callTimeout(settings.timeout())
        .retryOnConnectionFailure(false)
        .addInterceptor(new BearerInterceptor(settings.botToken()))
        .build();
    return new HttpSlackWebClient(settings, http, settings.httpClient() == null);
  }

  @Override
  public SlackMessage postMessage(String channelId, @Nullable String threadTs, String text) {
    Args.text(channelId, "channelId", MAX_ID);
    if (threadTs != null) {
      Args.text(threadTs, "threadTs", MAX_ID);
    }
    Args.text(text, "text", MAX_TEXT);
    ensureOpen();
    ObjectNode body = SlackJson.object().put("channel", channelId).put("text", text);
    if (threadTs != null) {
      body.put("thread_ts", threadTs);
    }
    JsonNode n = calls.write("chat.postMessage", body);
    String channel = SlackJson.text(n, "channel");
    String ts = SlackJson.text(n, "ts");
    if (ts == null) {
      throw new SlackException("Slack answered chat.postMessage without the message's ts.", "chat.postMessage", 200,
          1, false, null);
    }
    JsonNode message = n.path("message");
    String postedThread = SlackJson.text(message, "thread_ts");
    return new SlackMessage(channel != null ? channel : channelId, ts, postedThread != null ? postedThread : threadTs,
        SlackJson.text(message, "user"), SlackJson.text(message, "bot_id"), text);
  }

  @Override
  public Optional<SlackMessage> historyMessage(String channelId, String ts) {
    Map<String, String> params = params(channelId, ts);
    params.put("latest", ts);
    params.put("inclusive", "true");
    params.put("limit", "1");
    return find(calls.read(HISTORY, params), channelId, ts);
  }

  @Override
  public Optional<SlackMessage> threadMessage(String channelId, String ts) {
    Map<String, String> params = params(channelId, ts);
    params.put("ts", ts);
    params.put("oldest", ts);
    params.put("inclusive", "true");
    // Room for the thread's parent, should Slack put it first, and the message itself.
    params.put("limit", "2");
    return find(calls.read(REPLIES, params), channelId, ts);
  }

  @Override
  public String permalink(String channelId, String messageTs) {
    Args.text(channelId, "channelId", MAX_ID);
    Args.text(messageTs, "messageTs", MAX_ID);
    ensureOpen();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("channel", channelId);
    params.put("message_ts", messageTs);
    String link = SlackJson.text(calls.read("chat.getPermalink", params), "permalink");
    if (link == null) {
      throw new SlackException("Slack answered chat.getPermalink without a permalink.", "chat.getPermalink", 200, 1,
          false, null);
    }
    return link;
  }

  private Map<String, String> params(String channelId, String ts) {
    Args.text(channelId, "channelId", MAX_ID);
    Args.text(ts, "ts", MAX_ID);
    ensureOpen();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("channel", channelId);
    return params;
  }

  private static Optional<SlackMessage> find(JsonNode answer, String channelId, String ts) {
    for (JsonNode m : answer.path("messages")) {
      if (ts.equals(SlackJson.text(m, "ts"))) {
        return Optional.ofNullable(SlackJson.message(m, channelId));
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    http.close();
  }

  private void ensureOpen() {
    http.ensureOpen();
  }

  @Override
  public String toString() {
    return "SlackWebClient[" + settings + "]";
  }
}
