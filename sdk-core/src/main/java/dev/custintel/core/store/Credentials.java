package dev.custintel.core.store;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks credentials in text before it reaches a log, a message or a screen. JDBC drivers echo a URL's authority
 * ({@code secuser:hunter2@127.0.0.1}) or its parameters ({@code password=...}, H2's {@code ;PASSWORD=...}) in
 * their errors; the SDK masks its own messages this way, and a host that prints a connection string or a driver's
 * message can do the same:
 *
 * <pre>{@code
 * log.info("Custintel store at {}", Credentials.mask(jdbcUrl));
 * }</pre>
 */
public final class Credentials {
  /** password=..., passwd, pwd, secret, token: any case, any position, spaces around '=' too. */
  private static final Pattern KEY_VALUE =
      Pattern.compile("(?i)(password|passwd|pwd|secret|token)(\\s*)=(\\s*)[^&;\\s'\"]*");
  /** user:password@host, with or without the // before it; the last '@' ends the password. */
  private static final Pattern USER_INFO = Pattern.compile("([^\\s/:@;?&'\"]*):[^\\s/]+@");

  private Credentials() {}

  /**
   * Replaces every credential in a text with {@code ***}: the value of {@code password=}, {@code passwd=},
   * {@code pwd=}, {@code secret=} and {@code token=} in any case and position (query strings and H2 settings),
   * and the password of a {@code user:password@host} authority (a password may itself hold ':' or '@').
   *
   * @param text any text, such as a JDBC URL or a driver's message, or null
   * @return the text with every credential replaced by {@code ***}; empty for null
   */
  public static String mask(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String masked = KEY_VALUE.matcher(text).replaceAll("$1$2=$3***");
    return USER_INFO.matcher(masked).replaceAll("$1:***@");
  }
}
