package dev.custintel.gorgias.internal;

import dev.custintel.integrations.internal.http.NotSentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.Credentials;
import org.jspecify.annotations.Nullable;

/**
 * The credentials, reduced to what builds the {@code Authorization} header. {@code toString()} says only which
 * kind. Not API.
 */
public final class Auth {
  /** Gorgias's leaky-bucket window for standard accounts. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(20);

  private final @Nullable String basicHeader;
  private final @Nullable Supplier<String> tokens;

  private Auth(@Nullable String basicHeader, @Nullable Supplier<String> tokens) {
    this.basicHeader = basicHeader;
    this.tokens = tokens;
  }

  public static Auth basic(String email, String apiKey) {
    return new Auth(Credentials.basic(email, apiKey, StandardCharsets.UTF_8), null);
  }

  public static Auth bearer(Supplier<String> tokens) {
    return new Auth(null, tokens);
  }

  /** Gorgias's documented limits: 40 calls per window for API keys, 80 for OAuth2 apps. */
  public int defaultRequestsPerWindow() {
    return basicHeader != null ? 40 : 80;
  }

  /**
   * @return the header value for the next request
   * @throws TokenUnavailableException if the token supplier fails or gives nothing
   */
  String headerValue() {
    if (basicHeader != null) {
      return basicHeader;
    }
    String token;
    try {
      token = Objects.requireNonNull(tokens, "an Auth has a basic header or a token supplier").get();
    } catch (RuntimeException e) {
      throw new TokenUnavailableException("the bearer token supplier failed (" + e.getClass().getName() + ")", e);
    }
    if (token == null || token.isBlank()) {
      throw new TokenUnavailableException("the bearer token supplier returned no token", null);
    }
    return "Bearer " + token.strip();
  }

  @Override
  public String toString() {
    return basicHeader != null ? "basic (redacted)" : "bearer (redacted)";
  }

  /** The token supplier could not give a token; nothing was sent. */
  static final class TokenUnavailableException extends NotSentException {
    private static final long serialVersionUID = 1L;

    TokenUnavailableException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
