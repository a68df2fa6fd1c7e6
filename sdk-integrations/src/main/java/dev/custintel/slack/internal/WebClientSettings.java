package dev.custintel.slack.internal;

import dev.custintel.integrations.Sleeper;
import dev.custintel.integrations.internal.http.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** What the Web API client's builder checked. {@code toString()} hides the token. Not API. */
public record WebClientSettings(
    HttpUrl baseUrl,
    String botToken,
    @Nullable OkHttpClient httpClient,
    Duration timeout,
    RetryPolicy retry,
    int readRequests,
    Duration readPeriod,
    MeterRegistry meterRegistry,
    Clock clock,
    Sleeper sleeper) {

  @Override
  public String toString() {
    return "WebClientSettings[baseUrl=" + baseUrl + ", botToken=(redacted), conversationReadLimit=" + readRequests
        + " per " + readPeriod + "]";
  }
}
