package dev.custintel.integrations.internal.http;

import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * One call as the shared {@link HttpExecutor} sends it, with what the client decides for it. Not API.
 *
 * @param operation the meter and log name, such as {@code tickets.get} or {@code chat.postMessage}
 * @param request the request, sent as is on every attempt (credentials are added by the client's interceptor)
 * @param idempotent whether sending it twice has the effect of sending it once: only such calls are resent after a
 *     5xx or an I/O error, when the first attempt may have been carried out
 * @param admission how it passes the client-side rate limit
 * @param answer reads every answer the executor does not retry (not 429, not 5xx): returns or throws
 * @param failures names the failures the executor may give up on
 * @param lookup for a call that is not idempotent: finds what an earlier attempt may have made, or null if the call
 *     must never be resent after a 5xx or an I/O error. Asked before each new attempt once the outcome is unknown
 * @param <T> the result
 */
public record HttpCall<T>(
    String operation,
    Request request,
    boolean idempotent,
    Admission admission,
    Answer<T> answer,
    FailureMapper failures,
    @Nullable Supplier<Optional<T>> lookup) {

  /** Reads an answer into the result or the client's typed failure. */
  @FunctionalInterface
  public interface Answer<T> {
    /**
     * @param exchange an answer the executor does not retry: 1xx to 4xx other than 429
     * @return the result
     * @throws RuntimeException the client's failure for the answer
     */
    T read(Exchange exchange);
  }

  /** @return whether a 5xx or an I/O error leads to another attempt (directly, or after the lookup) */
  boolean resendable() {
    return idempotent || lookup != null;
  }

  @Override
  public String toString() {
    // The method and path only: query strings can hold customers' email addresses, and headers credentials.
    return request.method() + " " + request.url().encodedPath();
  }
}
