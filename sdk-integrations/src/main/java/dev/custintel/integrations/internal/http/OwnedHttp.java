package dev.custintel.integrations.internal.http;

import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client one of our HTTP clients (Gorgias, Slack) calls with, and its life: closing shuts down its
 * dispatcher and pool only when we created it; one derived from the host's {@code OkHttpClient} shares the host's,
 * which stay up. Thread-safe. Not API.
 */
public final class OwnedHttp {
  private final OkHttpClient http;
  private final boolean owned;
  private final String clientName;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param http the client to call with
   * @param owned whether we created its dispatcher and pool (no host client was given)
   * @param clientName the name error messages use, such as {@code "GorgiasClient"}
   */
  public OwnedHttp(OkHttpClient http, boolean owned, String clientName) {
    this.http = http;
    this.owned = owned;
    this.clientName = clientName;
  }

  /** @return the client to call with */
  public OkHttpClient http() {
    return http;
  }

  /** @throws IllegalStateException once {@link #close()} was called */
  public void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("This " + clientName + " is closed; build a new one.");
    }
  }

  /** Idempotent. */
  public void close() {
    if (closed.compareAndSet(false, true) && owned) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
