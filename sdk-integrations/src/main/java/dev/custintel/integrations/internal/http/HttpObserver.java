package dev.custintel.integrations.internal.http;

import java.time.Duration;

/**
 * What a client records about its calls: meters, and whatever an answer's headers report (Gorgias's call-limit
 * figure). The shared {@link HttpExecutor} calls it at fixed points; each client keeps its own meter names and
 * tags. Methods must not throw. Not API.
 */
public interface HttpObserver {

  /** An attempt got an answer (any status), before the answer is read or retried. */
  void answered(HttpCall<?> call, Exchange exchange);

  /** An attempt got no answer (an I/O error), after {@code nanos}. */
  void noResponse(HttpCall<?> call, long nanos);

  /**
   * A failed attempt is about to be sent again.
   *
   * @param reason the status, such as {@code "503"}, or {@link HttpExecutor#IO_ERROR}
   */
  void retrying(HttpCall<?> call, String reason);

  /** The client-side rate limiter made an attempt wait. */
  void throttled(HttpCall<?> call, Duration wait);
}
