package dev.custintel.gorgias.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.gorgias.CallLimit;
import dev.custintel.gorgias.GorgiasException;
import dev.custintel.gorgias.GorgiasRateLimitException;
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
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gorgias's side of the shared {@link HttpExecutor}: turns an {@link ApiCall} into a request, reads answers as
 * Gorgias JSON, names failures as {@link GorgiasException} subtypes, and records the meters and the
 * {@code X-Gorgias-Account-Api-Call-Limit} figure. Every call waits for the client-side limit, retries included.
 * Not API.
 */
final class GorgiasCalls implements HttpObserver {
  private static final Logger LOG = LoggerFactory.getLogger(GorgiasCalls.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final HttpExecutor executor;
  private final Admission admission;
  private final Clock clock;
  private final GorgiasMetrics metrics;
  private final AtomicReference<@Nullable CallLimit> callLimit = new AtomicReference<>();

  GorgiasCalls(
      OkHttpClient http, RateLimiter limiter, RetryPolicy retry, Sleeper sleeper, Clock clock, GorgiasMetrics metrics) {
    this.executor = new HttpExecutor("Gorgias", http, retry, sleeper, this);
    this.admission = Admission.queue(limiter);
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
   * Sends a call. For one that is not idempotent, {@code existing} looks for what an earlier attempt may have made
   * before it is sent again after a 5xx or an I/O error (see {@link HttpExecutor}); without it, it is not resent.
   */
  <T> T execute(ApiCall call, Function<JsonNode, T> parse, @Nullable Supplier<Optional<T>> existing) {
    return executor.execute(new HttpCall<>(call.operation(), request(call), call.idempotent(), admission,
        exchange -> read(call, parse, exchange), new Failing(call), existing));
  }

  private <T> T read(ApiCall call, Function<JsonNode, T> parse, Exchange exchange) {
    int status = exchange.status();
    if (status < 200 || status >= 300) {
      throw Failures.fromStatus(call, status, exchange.body(), exchange.retryAfter(), callLimit.get(),
          exchange.attempt());
    }
    try {
      return parse.apply(GorgiasJson.read(exchange.body()));
    } catch (RuntimeException e) {
      throw Failures.unreadable(call, status, exchange.body(), e, exchange.attempt());
    }
  }

  private static Request request(ApiCall call) {
    RequestBody body = call.jsonBody() == null ? null : RequestBody.create(call.jsonBody(), JSON);
    return new Request.Builder()
        .url(call.url())
        .header("Accept", "application/json")
        .header("User-Agent", "custintel-gorgias")
        .method(call.method(), body)
        .build();
  }

  @Override
  public void answered(HttpCall<?> call, Exchange exchange) {
    noteCallLimit(exchange.header("X-Gorgias-Account-Api-Call-Limit"));
    int status = exchange.status();
    metrics.request(call.operation(), call.request().method(), String.valueOf(status), outcome(status),
        exchange.nanos());
  }

  @Override
  public void noResponse(HttpCall<?> call, long nanos) {
    metrics.request(call.operation(), call.request().method(), HttpExecutor.IO_ERROR, "io_error", nanos);
  }

  @Override
  public void retrying(HttpCall<?> call, String reason) {
    metrics.retry(call.operation(), reason);
  }

  @Override
  public void throttled(HttpCall<?> call, Duration wait) {
    metrics.throttled(call.operation(), wait);
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

  private static String outcome(int status) {
    if (status >= 200 && status < 300) {
      return "success";
    }
    if (status == 429) {
      return "rate_limited";
    }
    return status >= 500 ? "server_error" : "client_error";
  }

  /** The executor's failures for one call, as {@link Failures} words them. */
  private final class Failing implements FailureMapper {
    private final ApiCall call;

    Failing(ApiCall call) {
      this.call = call;
    }

    @Override
    public RuntimeException status(Exchange exchange) {
      return Failures.fromStatus(call, exchange.status(), exchange.body(), exchange.retryAfter(), callLimit.get(),
          exchange.attempt());
    }

    @Override
    public RuntimeException noResponse(IOException e, int attempts) {
      return Failures.connection(call, e, attempts);
    }

    @Override
    public RuntimeException notSent(NotSentException e, int attempts) {
      return Failures.noToken(call, e, attempts);
    }

    @Override
    public RuntimeException interrupted(InterruptedException e, int attempts) {
      return Failures.interrupted(call, e, attempts);
    }

    @Override
    public RuntimeException heldBack(Duration wait) {
      // Not reached today (Gorgias calls queue for the limit rather than being refused); worded as a 429 would be.
      return new GorgiasRateLimitException(call.operation(), wait, callLimit.get(), null, 0);
    }
  }
}
