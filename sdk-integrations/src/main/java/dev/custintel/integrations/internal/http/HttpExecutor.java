package dev.custintel.integrations.internal.http;

import dev.custintel.integrations.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one send-and-retry loop of the integration clients: passes the client-side rate limit, sends, tells the
 * client's {@link HttpObserver}, and retries where that is safe:
 *
 * <ul>
 *   <li>429 for every call, since the server did not carry it out: after its {@code Retry-After}, or the backoff
 *       if it sent none; a {@code Retry-After} above the policy's maximum fails at once;
 *   <li>5xx and I/O errors, with the policy's backoff and jitter, for idempotent calls; for a call that is not,
 *       only when it has a lookup, which is asked before each new attempt whether an earlier one did succeed (its
 *       finding is then the result and nothing is sent again);
 *   <li>nothing else: every other answer goes to the call's {@link HttpCall.Answer}.
 * </ul>
 *
 * <p>Logs the operation, method and path only: never the query, a header or a body. Thread-safe. Not API.
 */
public final class HttpExecutor {
  /** The retry reason and status tag of an attempt that got no answer. */
  public static final String IO_ERROR = "IO_ERROR";

  private static final Logger LOG = LoggerFactory.getLogger(HttpExecutor.class);

  private final String service;
  private final OkHttpClient http;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final HttpObserver observer;

  /**
   * @param service the remote's name in logs, such as {@code "Gorgias"}
   * @param http the client to send with (credentials in its interceptors, OkHttp's own retries off)
   * @param retry how often and how long to wait
   * @param sleeper what waits
   * @param observer what records each attempt
   */
  public HttpExecutor(String service, OkHttpClient http, RetryPolicy retry, Sleeper sleeper, HttpObserver observer) {
    this.service = service;
    this.http = http;
    this.retry = retry;
    this.sleeper = sleeper;
    this.observer = observer;
  }

  /**
   * Sends the call until it has an answer to read or a failure to give up on.
   *
   * @return what the call's answer read
   * @throws RuntimeException the call's answer's failure or one of its {@link FailureMapper}'s
   */
  public <T> T execute(HttpCall<T> call) {
    // Set after a 5xx or an I/O error on a call that is not idempotent: an attempt may have been carried out.
    boolean outcomeUnknown = false;
    for (int attempt = 1; ; attempt++) {
      if (outcomeUnknown && call.lookup() != null) {
        Optional<T> found = call.lookup().get();
        if (found.isPresent()) {
          LOG.info("{} {}: an earlier attempt did succeed; found its result instead of sending again", service,
              call.operation());
          return found.get();
        }
      }
      admit(call, attempt);
      long start = System.nanoTime();
      RuntimeException failure;
      Duration wait;
      String reason;
      try (Response response = http.newCall(call.request()).execute()) {
        String body = response.body().string();
        Exchange exchange = new Exchange(response.code(), body, response.headers(), attempt, System.nanoTime() - start);
        int status = exchange.status();
        observer.answered(call, exchange);
        LOG.debug("{} {} {} -> {} in {} ms (attempt {})", service, call.operation(), call, status,
            TimeUnit.NANOSECONDS.toMillis(exchange.nanos()), attempt);
        if (status != 429 && status < 500) {
          return call.answer().read(exchange);
        }
        failure = call.failures().status(exchange);
        reason = String.valueOf(status);
        if (status == 429) {
          Duration retryAfter = exchange.retryAfter();
          if (retryAfter != null && retryAfter.compareTo(retry.maxRetryAfter()) > 0) {
            throw failure;
          }
          wait = retryAfter != null ? retryAfter : retry.backoff(attempt);
        } else if (call.resendable()) {
          outcomeUnknown = !call.idempotent();
          wait = retry.backoff(attempt);
        } else {
          throw failure;
        }
      } catch (IOException e) {
        observer.noResponse(call, System.nanoTime() - start);
        failure = call.failures().noResponse(e, attempt);
        if (!call.resendable()) {
          throw failure;
        }
        outcomeUnknown = !call.idempotent();
        reason = IO_ERROR;
        wait = retry.backoff(attempt);
      } catch (NotSentException e) {
        throw call.failures().notSent(e, attempt - 1);
      }
      if (attempt >= retry.maxAttempts()) {
        throw failure;
      }
      LOG.warn("{} {} {} failed ({}); retrying in {} ms (attempt {} of {})", service, call.operation(), call, reason,
          wait.toMillis(), attempt + 1, retry.maxAttempts());
      observer.retrying(call, reason);
      sleep(call, wait, attempt);
    }
  }

  private void admit(HttpCall<?> call, int attempt) {
    if (call.admission() instanceof Admission.Queue queue) {
      Duration wait = queue.limiter().reserve();
      if (!wait.isZero()) {
        observer.throttled(call, wait);
        LOG.debug("{} {}: client-side rate limit, waiting {} ms", service, call.operation(), wait.toMillis());
        sleep(call, wait, attempt - 1);
      }
    } else if (call.admission() instanceof Admission.Refuse refuse && attempt == 1) {
      Duration wait = refuse.limiter().tryTake();
      if (!wait.isZero()) {
        LOG.debug("{} {}: held back by the client-side limit for {} ms", service, call.operation(), wait.toMillis());
        throw call.failures().heldBack(wait);
      }
    }
  }

  private void sleep(HttpCall<?> call, Duration wait, int attempts) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw call.failures().interrupted(e, attempts);
    }
  }

  @Override
  public String toString() {
    return "HttpExecutor[" + service + ", " + retry.maxRetries() + " retries]";
  }
}
