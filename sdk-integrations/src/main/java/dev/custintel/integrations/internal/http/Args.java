package dev.custintel.integrations.internal.http;

import dev.custintel.core.InvalidInputException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks for the integration clients and their builders. A null argument throws
 * {@link NullPointerException} naming the parameter (the project's convention: passing null where a value is
 * required is a programming error, not bad input); a value that is present but unacceptable throws
 * {@link InvalidInputException} naming the field and the reason. A required builder setting that was never given
 * is bad input, not a null argument: {@link #required}. Not API.
 */
public final class Args {
  // The Gorgias API's limits live here rather than in the Gorgias package because the Slack handler, which creates
  // Gorgias tickets, checks its settings against them too.
  /** Longest external id the Gorgias API accepts (tickets and messages: {@code length ≤ 255}). */
  public static final int MAX_EXTERNAL_ID_LENGTH = 255;
  /** Longest tag name the Gorgias API accepts when it creates a tag. */
  public static final int MAX_TAG_LENGTH = 256;
  /** Longest email address (RFC 3696 errata: 64 + 1 + 255). */
  public static final int MAX_EMAIL_LENGTH = 320;

  private Args() {}

  /**
   * @throws NullPointerException naming {@code parameter} if {@code value} is null
   */
  public static <T> T notNull(@Nullable T value, String parameter) {
    return Objects.requireNonNull(value, parameter);
  }

  /**
   * A setting a builder needs before {@code build()}: missing is bad input, so {@link InvalidInputException}
   * ("is required") rather than the {@link NullPointerException} of a null argument.
   */
  public static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw InvalidInputException.argument(field, "is required");
    }
    return value;
  }

  /** Not null (else {@link NullPointerException}), not blank, at most {@code maxLength} characters. */
  public static String text(@Nullable String value, String field, int maxLength) {
    value = notNull(value, field);
    if (value.isBlank()) {
      throw InvalidInputException.argument(field, "must not be blank");
    }
    if (value.length() > maxLength) {
      throw InvalidInputException.argument(
          field, "must be at most " + maxLength + " characters (was " + value.length() + ")");
    }
    return value;
  }

  public static long id(long value, String field) {
    if (value <= 0) {
      throw InvalidInputException.argument(field, "must be a positive Gorgias id (was " + value + ")");
    }
    return value;
  }

  /** A plausible address: one {@code @} with text on both sides, no whitespace. Gorgias checks the rest. */
  public static String email(@Nullable String value, String field) {
    value = text(value, field, MAX_EMAIL_LENGTH);
    int at = value.indexOf('@');
    if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1 || value.chars()
        .anyMatch(Character::isWhitespace)) {
      throw InvalidInputException.argument(field, "must be an email address (was '" + value + "')");
    }
    return value;
  }

  public static int between(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw InvalidInputException.argument(
          field, "must be between " + min + " and " + max + " (was " + value + ")");
    }
    return value;
  }

  /**
   * An {@code https} URL, or {@code http} for a loopback host only: credentials never travel in clear text across
   * a network, while a stand-in server in tests may listen on plain HTTP.
   */
  public static HttpUrl baseUrl(@Nullable String value, String field) {
    text(value, field, 2_000);
    HttpUrl url = HttpUrl.parse(value);
    if (url == null) {
      throw InvalidInputException.argument(field, "must be an http or https URL (was '" + value + "')");
    }
    if (!url.isHttps() && !isLoopback(url.host())) {
      throw InvalidInputException.argument(
          field, "must use https unless the host is localhost or a loopback address (was '" + value + "')");
    }
    return url;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  public static Duration positive(@Nullable Duration value, String field) {
    value = notNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw InvalidInputException.argument(field, "must be positive (was " + value + ")");
    }
    return value;
  }
}
