package dev.custintel.gorgias.internal;

import dev.custintel.integrations.Sleeper;
import dev.custintel.integrations.internal.http.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What the builder checked, handed to the client. Its {@code toString()} shows {@link Auth}'s, which redacts.
 * Not API.
 */
public record ClientSettings(
    HttpUrl baseUrl,
    Auth auth,
    @Nullable OkHttpClient httpClient,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int rateLimitRequests,
    Duration rateLimitWindow,
    RetryPolicy retry,
    MeterRegistry meterRegistry,
    Clock clock,
    Sleeper sleeper) {}
