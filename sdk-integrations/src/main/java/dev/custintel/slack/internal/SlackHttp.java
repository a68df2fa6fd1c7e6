package dev.custintel.slack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.integrations.Sleeper;
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
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Web API call: the client-side limit first, then the request, then retries where they are safe. Logs
 * the method name only: never the query, the body or a header. Not API.
 */
final class SlackHttp {
  private static final Logger LOG = LoggerFactory.getLogger(SlackHttp.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final SlackMetrics metrics;
  private final Map<String, TokenBucket> limits;

  SlackHttp(OkHttpClient http, HttpUrl baseUrl, RetryPolicy retry, Sleeper sleeper, SlackMetrics metrics,
      Map<String, TokenBucket> limits) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.retry = retry;
    this.sleeper = sleeper;
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
    TokenBucket limit = limits.get(method);
    if (limit != null) {
      Duration wait = limit.tryTake();
      if (!wait.isZero()) {
        LOG.debug("Slack {}: held back by the client-side limit for {} ms", method, wait.toMillis());
        throw new SlackRateLimitException(method, wait, false, 0);
      }
    }
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      SlackException failure;
      Duration wait;
      try (Response response = http.newCall(request).execute()) {
        int status = response.code();
        String body = response.body().string();
        if (status == 429) {
          metrics.request(method, "rate_limited", System.nanoTime() - start);
          Duration retryAfter = retryAfter(response.header("Retry-After"));
          failure = new SlackRateLimitException(method, retryAfter, true, attempt);
          if (retryAfter != null && retryAfter.compareTo(retry.maxRetryAfter()) > 0) {
            throw failure;
          }
          wait = retryAfter != null ? retryAfter : retry.backoff(attempt);
        } else if (status >= 500) {
          metrics.request(method, "server_error", System.nanoTime() - start);
          failure = new SlackException("Slack failed " + method + " with " + status + " after " + attempts(attempt)
              + ". Try again later.", method, status, attempt, true, null);
          if (!idempotent) {
            throw failure;
          }
          wait = retry.backoff(attempt);
        } else {
          return answer(method, status, body, attempt, start);
        }
      } catch (IOException e) {
        metrics.request(method, "io_error", System.nanoTime() - start);
        failure = new SlackException("No response from Slack for " + method + " after " + attempts(attempt) + ": "
            + e.getClass().getSimpleName() + ". Check the network and the base URL.", method, 0, attempt, true, e);
        if (!idempotent) {
          throw failure;
        }
        wait = retry.backoff(attempt);
      }
      if (attempt >= retry.maxAttempts()) {
        throw failure;
      }
      LOG.warn("Slack {} failed ({}); retrying in {} ms (attempt {} of {})", method,
          failure.status() == 0 ? "no response" : String.valueOf(failure.status()), wait.toMillis(), attempt + 1,
          retry.maxAttempts());
      sleep(method, wait, attempt);
    }
  }

  /** A 2xx or 4xx answer: the JSON envelope, {@code ok} true or a typed failure. */
  private JsonNode answer(String method, int status, String body, int attempt, long start) {
    JsonNode n;
    try {
      n = SlackJson.read(body);
    } catch (IllegalArgumentException e) {
      metrics.request(method, status < 300 ? "unreadable" : "client_error", System.nanoTime() - start);
      throw new SlackException("Slack answered " + method + " with " + status + " and a body that is not JSON.",
          method, status, attempt, false, e);
    }
    if (status < 300 && n.path("ok").asBoolean(false)) {
      metrics.request(method, "ok", System.nanoTime() - start);
      return n;
    }
    String error = SlackJson.text(n, "error");
    if (error == null) {
      metrics.request(method, "client_error", System.nanoTime() - start);
      throw new SlackException("Slack answered " + method + " with " + status + " and no error code.", method,
          status, attempt, false, null);
    }
    metrics.request(method, "api_error", System.nanoTime() - start);
    throw new SlackApiException(method, status, error, SlackJson.text(n, "needed"), attempt);
  }

  private void sleep(String method, Duration wait, int attempts) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackException("Interrupted while waiting to call Slack (" + method + ").", method, 0, attempts,
          true, e);
    }
  }

  /** Whole seconds, as Slack sends them; anything else is ignored (the backoff applies). */
  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 && seconds < 86_400 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String attempts(int n) {
    return n + (n == 1 ? " attempt" : " attempts");
  }
}
