package dev.custintel.slack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.integrations.Sleeper;
import dev.custintel.integrations.internal.http.Admission;
import dev.custintel.integrations.internal.http.Exchange;
import dev.custintel.integrations.internal.http.FailureMapper;
import dev.custintel.integrations.internal.http.HttpCall;
import dev.custintel.integrations.internal.http.HttpExecutor;
import dev.custintel.integrations.internal.http.HttpObserver;
import dev.custintel.integrations.internal.http.NotSentException;
import dev.custintel.integrations.internal.http.RateLimiter;
import dev.custintel.integrations.internal.http.RetryPolicy;
import dev.custintel.slack.SlackApiException;
import dev.custintel.slack.SlackException;
import dev.custintel.slack.SlackRateLimitException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Slack's side of the shared {@link HttpExecutor}: builds Web API requests, reads Slack's JSON envelope, names
 * failures as {@link SlackException} subtypes and records {@code custintel.slack.requests}. Methods with a
 * client-side limit are refused, unsent, when it is full. Not API.
 */
final class SlackCalls implements HttpObserver {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final HttpExecutor executor;
  private final HttpUrl baseUrl;
  private final SlackMetrics metrics;
  private final Map<String, RateLimiter> limits;

  SlackCalls(OkHttpClient http, HttpUrl baseUrl, RetryPolicy retry, Sleeper sleeper, SlackMetrics metrics,
      Map<String, RateLimiter> limits) {
    this.executor = new HttpExecutor("Slack", http, retry, sleeper, this);
    this.baseUrl = baseUrl;
    this.metrics = metrics;
    this.limits = Map.copyOf(limits);
  }

  /** A read method: GET with query parameters; retried on 5xx and I/O errors. */
  JsonNode read(String method, Map<String, String> params) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegment(method);
    params.forEach(url::addQueryParameter);
    return call(method, new Request.Builder().url(url.build()).get().build(), true);
  }

  /** A write method: POST with a JSON body; retried only on 429, when Slack did not process it. */
  JsonNode write(String method, ObjectNode body) {
    Request request = new Request.Builder()
        .url(baseUrl.newBuilder().addPathSegment(method).build())
        .post(RequestBody.create(SlackJson.write(body), JSON))
        .build();
    return call(method, request, false);
  }

  private JsonNode call(String method, Request request, boolean idempotent) {
    RateLimiter limit = limits.get(method);
    return executor.execute(new HttpCall<>(method, request, idempotent,
        limit == null ? Admission.NONE : Admission.refuse(limit), exchange -> answer(method, exchange),
        new Failing(method), null));
  }

  /** A 2xx or 4xx answer: the JSON envelope, {@code ok} true or a typed failure. Records its own outcome. */
  private JsonNode answer(String method, Exchange exchange) {
    int status = exchange.status();
    int attempt = exchange.attempt();
    JsonNode n;
    try {
      n = SlackJson.read(exchange.body());
    } catch (IllegalArgumentException e) {
      metrics.request(method, status < 300 ? "unreadable" : "client_error", exchange.nanos());
      throw new SlackException("Slack answered " + method + " with " + status + " and a body that is not JSON.",
          method, status, attempt, false, e);
    }
    if (status < 300 && n.path("ok").asBoolean(false)) {
      metrics.request(method, "ok", exchange.nanos());
      return n;
    }
    String error = SlackJson.text(n, "error");
    if (error == null) {
      metrics.request(method, "client_error", exchange.nanos());
      throw new SlackException("Slack answered " + method + " with " + status + " and no error code.", method,
          status, attempt, false, null);
    }
    metrics.request(method, "api_error", exchange.nanos());
    throw new SlackApiException(method, status, error, SlackJson.text(n, "needed"), attempt);
  }

  @Override
  public void answered(HttpCall<?> call, Exchange exchange) {
    // The answers the executor retries are counted here; the others by answer(), which knows their outcome.
    if (exchange.status() == 429) {
      metrics.request(call.operation(), "rate_limited", exchange.nanos());
    } else if (exchange.status() >= 500) {
      metrics.request(call.operation(), "server_error", exchange.nanos());
    }
  }

  @Override
  public void noResponse(HttpCall<?> call, long nanos) {
    metrics.request(call.operation(), "io_error", nanos);
  }

  @Override
  public void retrying(HttpCall<?> call, String reason) {
    // No retry meter for Slack: custintel.slack.requests counts every attempt.
  }

  @Override
  public void throttled(HttpCall<?> call, Duration wait) {
    // Slack calls are refused, not made to wait, by the client-side limit.
  }

  private static String attempts(int n) {
    return n + (n == 1 ? " attempt" : " attempts");
  }

  /** The executor's failures for one Web API method. */
  private record Failing(String method) implements FailureMapper {

    @Override
    public RuntimeException status(Exchange exchange) {
      if (exchange.status() == 429) {
        return new SlackRateLimitException(method, exchange.retryAfter(), true, exchange.attempt());
      }
      return new SlackException("Slack failed " + method + " with " + exchange.status() + " after "
          + attempts(exchange.attempt()) + ". Try again later.", method, exchange.status(), exchange.attempt(), true,
          null);
    }

    @Override
    public RuntimeException noResponse(IOException e, int attempts) {
      return new SlackException("No response from Slack for " + method + " after " + attempts(attempts) + ": "
          + e.getClass().getSimpleName() + ". Check the network and the base URL.", method, 0, attempts, true, e);
    }

    @Override
    public RuntimeException notSent(NotSentException e, int attempts) {
      // The bot token is a fixed string; nothing in the Slack client throws this today.
      return new SlackException("Not sent: " + e.getMessage() + " for " + method + ".", method, 0, attempts, false,
          e.getCause());
    }

    @Override
    public RuntimeException interrupted(InterruptedException e, int attempts) {
      return new SlackException("Interrupted while waiting to call Slack (" + method + ").", method, 0, attempts,
          true, e);
    }

    @Override
    public RuntimeException heldBack(Duration wait) {
      return new SlackRateLimitException(method, wait, false, 0);
    }
  }
}
