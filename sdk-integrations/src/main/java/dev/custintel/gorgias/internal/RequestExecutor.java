package dev.custintel.gorgias.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.gorgias.CallLimit;
import dev.custintel.gorgias.GorgiasException;
import dev.custintel.integrations.Sleeper;
import dev.custintel.integrations.internal.http.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one API call: waits for the rate limiter, sends, records the meter and the call-limit header, and
 * retries where that is safe. Logs method and path only (no query string, no headers). Not API.
 */
final class RequestExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(RequestExecutor.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String IO_ERROR = "IO_ERROR";

  private final OkHttpClient http;
  private final LeakyBucket bucket;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final GorgiasMetrics metrics;
  private final AtomicReference<@Nullable CallLimit> callLimit = new AtomicReference<>();

  RequestExecutor(
      OkHttpClient http, LeakyBucket bucket, RetryPolicy retry, Sleeper sleeper, Clock clock, GorgiasMetrics metrics) {
    this.http = http;
    this.bucket = bucket;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Nullable CallLimit callLimit() {
    return callLimit.get();
  }

  /** Sends an idempotent call (or one that is never retried on 5xx and I/O errors). */
  <T> T execute(ApiCall call, Function<JsonNode, T> parse) {
    return execute(call, parse, null);
  }

  /**
   * Sends a call. 429 is retried for every call (Gorgias did not process it). 5xx and I/O errors are retried for
   * idempotent calls, and for a non-idempotent one only through {@code existing}: before each new attempt after
   * such a failure, {@code existing} looks for what an earlier attempt may have made; if it finds it, that is
   * the result and nothing is sent again.
   */
  <T> T execute(ApiCall call, Function<JsonNode, T> parse, @Nullable Supplier<Optional<T>> existing) {
    boolean outcomeUnknown = false;
    for (int attempt = 1; ; attempt++) {
      if (outcomeUnknown && existing != null) {
        Optional<T> found = existing.get();
        if (found.isPresent()) {
          LOG.info("Gorgias {}: an earlier attempt did succeed; found its result instead of sending again",
              call.operation());
          return found.get();
        }
      }
      throttle(call, attempt);
      long start = System.nanoTime();
      GorgiasException failure;
      Duration wait;
      String reason;
      try (Response response = http.newCall(request(call)).execute()) {
        String body = response.body().string();
        int status = response.code();
        long nanos = System.nanoTime() - start;
        noteCallLimit(response.header("X-Gorgias-Account-Api-Call-Limit"));
        metrics.request(call.operation(), call.method(), String.valueOf(status), outcome(status), nanos);
        LOG.debug("Gorgias {} {} -> {} in {} ms (attempt {})",
            call.operation(), call, status, TimeUnit.NANOSECONDS.toMillis(nanos), attempt);
        if (status >= 200 && status < 300) {
          return read(call, parse, status, body, attempt);
        }
        Duration retryAfter = retryAfter(response.header("Retry-after"));
        failure = Failures.fromStatus(call, status, body, retryAfter, callLimit.get(), attempt);
        reason = String.valueOf(status);
        if (status == 429) {
          if (retryAfter != null && retryAfter.compareTo(retry.maxRetryAfter()) > 0) {
            throw failure;
          }
          wait = retryAfter != null ? retryAfter : retry.backoff(attempt);
        } else if (status >= 500 && (call.idempotent() || existing != null)) {
          outcomeUnknown = !call.idempotent();
          wait = retry.backoff(attempt);
        } else {
          throw failure;
        }
      } catch (IOException e) {
        metrics.request(call.operation(), call.method(), IO_ERROR, "io_error", System.nanoTime() - start);
        failure = Failures.connection(call, e, attempt);
        if (!call.idempotent() && existing == null) {
          throw failure;
        }
        outcomeUnknown = !call.idempotent();
        reason = IO_ERROR;
        wait = retry.backoff(attempt);
      } catch (Auth.TokenUnavailableException e) {
        throw Failures.noToken(call, e, attempt - 1);
      }
      if (attempt >= retry.maxAttempts()) {
        throw failure;
      }
      LOG.warn("Gorgias {} {} failed ({}); retrying in {} ms (attempt {} of {})",
          call.operation(), call, reason, wait.toMillis(), attempt + 1, retry.maxAttempts());
      metrics.retry(call.operation(), reason);
      sleep(call, wait, attempt);
    }
  }

  private <T> T read(ApiCall call, Function<JsonNode, T> parse, int status, String body, int attempt) {
    try {
      return parse.apply(GorgiasJson.read(body));
    } catch (RuntimeException e) {
      throw Failures.unreadable(call, status, body, e, attempt);
    }
  }

  private Request request(ApiCall call) {
    RequestBody body = call.jsonBody() == null ? null : RequestBody.create(call.jsonBody(), JSON);
    return new Request.Builder()
        .url(call.url())
        .header("Accept", "application/json")
        .header("User-Agent", "custintel-gorgias")
        .method(call.method(), body)
        .build();
  }

  private void throttle(ApiCall call, int attempt) {
    Duration wait = bucket.reserve();
    if (!wait.isZero()) {
      metrics.throttled(call.operation(), wait);
      LOG.debug("Gorgias {}: client-side rate limit, waiting {} ms", call.operation(), wait.toMillis());
      sleep(call, wait, attempt - 1);
    }
  }

  private void sleep(ApiCall call, Duration wait, int attempts) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failures.interrupted(call, e, attempts);
    }
  }

  private void noteCallLimit(@Nullable String header) {
    if (header == null) {
      return;
    }
    int slash = header.indexOf('/');
    try {
      int used = Integer.parseInt(header.substring(0, Math.max(slash, 0)).strip());
      int limit = Integer.parseInt(header.substring(slash + 1).strip());
      callLimit.set(new CallLimit(used, limit, clock.instant()));
    } catch (NumberFormatException e) {
      LOG.debug("Gorgias sent an X-Gorgias-Account-Api-Call-Limit the client cannot read: '{}'", header);
    }
  }

  /** Seconds, as Gorgias documents; fractions accepted; anything else (such as an HTTP date) is ignored. */
  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(header.strip());
      return seconds >= 0 && seconds < 86_400 ? Duration.ofMillis((long) Math.ceil(seconds * 1000)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String outcome(int status) {
    if (status >= 200 && status < 300) {
      return "success";
    }
    if (status == 429) {
      return "rate_limited";
    }
    return status >= 500 ? "server_error" : "client_error";
  }
}
