package dev.custintel.integrations.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.gorgias.testing.FakeTime;
import dev.custintel.integrations.Sleeper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared loop against a scripted OkHttp client (an interceptor answers; nothing leaves the JVM), a fake clock
 * and a sleeper that only records. Backoff jitter is fixed at 0, so the n-th backoff is exactly half its ceiling:
 * 250 ms, 500 ms, 1 s.
 */
class HttpExecutorTest {
  private static final Request GET = new Request.Builder().url("https://api.test/v1/items/7?email=ada@x.test").build();

  private final FakeTime time = new FakeTime();
  private final Script script = new Script();
  private final Recorder observer = new Recorder();
  private final OkHttpClient http = new OkHttpClient.Builder().addInterceptor(script).build();
  private final RetryPolicy retry =
      new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), () -> 0.0);

  @AfterEach
  void close() {
    http.dispatcher().executorService().shutdown();
  }

  private HttpExecutor executor(Sleeper sleeper) {
    return new HttpExecutor("Test", http, retry, sleeper, observer);
  }

  private HttpExecutor executor() {
    return executor(time);
  }

  private static HttpCall<String> call(boolean idempotent, @Nullable Supplier<Optional<String>> lookup) {
    return call(idempotent, Admission.NONE, lookup);
  }

  private static HttpCall<String> call(
      boolean idempotent, Admission admission, @Nullable Supplier<Optional<String>> lookup) {
    return new HttpCall<>("items.get", GET, idempotent, admission, e -> e.status() + ":" + e.body(), new Mapper(),
        lookup);
  }

  @Test
  void success_readByTheAnswer_observedOnce_noWait() {
    script.answer(200, "hello", null);

    assertThat(executor().execute(call(true, null))).isEqualTo("200:hello");

    assertThat(script.sent()).isEqualTo(1);
    assertThat(observer.events).containsExactly("answered 200 attempt 1");
    assertThat(time.sleeps()).isEmpty();
    // What logs name the call by: no query string (it can hold an email address).
    assertThat(call(true, null)).hasToString("GET /v1/items/7");
  }

  @Test
  void clientError_goesToTheAnswer_notRetried() {
    script.answer(404, "none", null);

    assertThat(executor().execute(call(true, null))).isEqualTo("404:none");
    assertThat(script.sent()).isEqualTo(1);
  }

  @Test
  void rateLimited_waitsItsRetryAfter_evenForACallThatIsNotIdempotent() {
    script.answer(429, "", "7").answer(201, "made", null);

    assertThat(executor().execute(call(false, null))).isEqualTo("201:made");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(observer.events).containsExactly("answered 429 attempt 1", "retrying 429", "answered 201 attempt 2");
  }

  @Test
  void rateLimited_withoutRetryAfter_backsOff() {
    script.answer(429, "", null).answer(429, "", "nonsense").answer(200, "ok", null);

    executor().execute(call(true, null));

    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void rateLimited_retryAfterAboveTheMaximum_failsAtOnceWithTheMappersFailure() {
    script.answer(429, "", "61");

    assertThatThrownBy(() -> executor().execute(call(true, null)))
        .isInstanceOf(Failure.class).hasMessage("status 429 attempt 1");
    assertThat(time.sleeps()).isEmpty();
    assertThat(script.sent()).isEqualTo(1);
  }

  @Test
  void serverErrorAndIoError_idempotent_retriedWithExponentialBackoff_thenGivesUp() {
    script.answer(503, "", null).fail().answer(500, "", "1").answer(502, "", null);

    assertThatThrownBy(() -> executor().execute(call(true, null)))
        .isInstanceOf(Failure.class).hasMessage("status 502 attempt 4");

    // A Retry-After on a 5xx is not obeyed: the backoff applies.
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(script.sent()).isEqualTo(4);
    assertThat(observer.events).contains("no response", "retrying IO_ERROR", "retrying 503", "retrying 500")
        .doesNotContain("retrying 502");
  }

  @Test
  void serverErrorOrIoError_notIdempotentWithoutLookup_notResent() {
    script.answer(500, "", null);
    assertThatThrownBy(() -> executor().execute(call(false, null))).hasMessage("status 500 attempt 1");

    script.fail();
    assertThatThrownBy(() -> executor().execute(call(false, null))).hasMessage("no response attempt 1");

    assertThat(script.sent()).isEqualTo(2);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void notIdempotent_outcomeUnknown_lookupFindsIt_returnedWithoutSendingAgain() {
    script.fail();
    AtomicInteger lookups = new AtomicInteger();

    String result = executor().execute(call(false, () -> {
      lookups.incrementAndGet();
      return Optional.of("found");
    }));

    assertThat(result).isEqualTo("found");
    assertThat(lookups).hasValue(1);
    assertThat(script.sent()).isEqualTo(1);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void notIdempotent_outcomeUnknown_lookupFindsNothing_resent() {
    script.answer(503, "", null).answer(201, "made", null);
    List<Integer> sentBeforeLookup = new ArrayList<>();

    String result = executor().execute(call(false, () -> {
      sentBeforeLookup.add(script.sent());
      return Optional.empty();
    }));

    assertThat(result).isEqualTo("201:made");
    assertThat(sentBeforeLookup).containsExactly(1);
    assertThat(script.sent()).isEqualTo(2);
  }

  @Test
  void lookup_notAskedBeforeTheFirstAttempt_norAfterA429() {
    script.answer(429, "", "1").answer(201, "made", null);
    AtomicInteger lookups = new AtomicInteger();

    executor().execute(call(false, () -> {
      lookups.incrementAndGet();
      return Optional.of("found");
    }));

    // A 429 says the server did not carry the call out: nothing to look for.
    assertThat(lookups).hasValue(0);
    assertThat(script.sent()).isEqualTo(2);
  }

  @Test
  void queue_everyAttemptWaitsForTheLimiter_retriesIncluded() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(10), time);
    script.answer(200, "a", null).answer(503, "", null).answer(200, "b", null);
    HttpExecutor executor = executor();

    executor.execute(call(true, Admission.queue(limiter), null));
    executor.execute(call(true, Admission.queue(limiter), null));

    // Second call: 10 s for the limit; its retry: the 250 ms backoff, and then the limit again (10 s from the
    // previous place, 250 ms of which have passed).
    assertThat(time.sleeps())
        .containsExactly(Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofMillis(9_750));
    assertThat(observer.events).contains("throttled PT10S", "throttled PT9.75S");
  }

  @Test
  void refuse_firstAttemptOverTheLimit_failsUnsent_retriesNotCounted() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), time);
    script.answer(500, "", null).answer(200, "ok", null);
    HttpExecutor executor = executor();

    assertThat(executor.execute(call(true, Admission.refuse(limiter), null))).isEqualTo("200:ok");
    assertThatThrownBy(() -> executor.execute(call(true, Admission.refuse(limiter), null)))
        .isInstanceOf(Failure.class).hasMessage("held back PT59.75S");

    assertThat(script.sent()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void notSent_failsAtOnceWithTheAttemptsSentBefore() {
    script.answer(503, "", null).notSent();

    assertThatThrownBy(() -> executor().execute(call(true, null))).hasMessage("not sent after 1");
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void interruptedWait_failsWithTheMappersFailure_andKeepsTheInterruptFlag() {
    script.answer(503, "", null);

    try {
      assertThatThrownBy(() -> executor(d -> {
        throw new InterruptedException();
      }).execute(call(true, null))).hasMessage("interrupted after 1");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  /** Answers each request with the next scripted step; counts what reached it. */
  private static final class Script implements Interceptor {
    private final Deque<Object> steps = new ArrayDeque<>();
    private int sent;

    Script answer(int status, String body, @Nullable String retryAfter) {
      steps.add(new Object[] {status, body, retryAfter});
      return this;
    }

    Script fail() {
      steps.add(new SocketTimeoutException("scripted"));
      return this;
    }

    Script notSent() {
      steps.add(new NotSentException("no token", null));
      return this;
    }

    synchronized int sent() {
      return sent;
    }

    @Override
    public synchronized Response intercept(Chain chain) throws IOException {
      Object step = steps.remove();
      if (step instanceof NotSentException e) {
        throw e;
      }
      sent++;
      if (step instanceof IOException e) {
        throw e;
      }
      Object[] a = (Object[]) step;
      Response.Builder r = new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
          .code((Integer) a[0]).message("scripted").body(ResponseBody.create((String) a[1], null));
      if (a[2] != null) {
        r.header("Retry-After", (String) a[2]);
      }
      return r.build();
    }
  }

  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  private static final class Mapper implements FailureMapper {
    @Override
    public RuntimeException status(Exchange exchange) {
      return new Failure("status " + exchange.status() + " attempt " + exchange.attempt());
    }

    @Override
    public RuntimeException noResponse(IOException e, int attempts) {
      return new Failure("no response attempt " + attempts);
    }

    @Override
    public RuntimeException notSent(NotSentException e, int attempts) {
      return new Failure("not sent after " + attempts);
    }

    @Override
    public RuntimeException interrupted(InterruptedException e, int attempts) {
      return new Failure("interrupted after " + attempts);
    }

    @Override
    public RuntimeException heldBack(Duration wait) {
      return new Failure("held back " + wait);
    }
  }

  private static final class Recorder implements HttpObserver {
    final List<String> events = new ArrayList<>();

    @Override
    public void answered(HttpCall<?> call, Exchange exchange) {
      events.add("answered " + exchange.status() + " attempt " + exchange.attempt());
    }

    @Override
    public void noResponse(HttpCall<?> call, long nanos) {
      events.add("no response");
    }

    @Override
    public void retrying(HttpCall<?> call, String reason) {
      events.add("retrying " + reason);
    }

    @Override
    public void throttled(HttpCall<?> call, Duration wait) {
      events.add("throttled " + wait);
    }
  }
}
