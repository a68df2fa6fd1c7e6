package dev.custintel.core.internal;

import java.sql.SQLException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks credentials in text that may reach a log or an exception: drivers echo a JDBC URL's authority
 * ({@code secuser:hunter2@127.0.0.1}) or its parameters ({@code password=...}, H2's {@code ;PASSWORD=...}). Not API.
 */
public final class Secrets {
  /** password=..., passwd, pwd, secret, token: any case, any position, spaces around '=' too. */
  private static final Pattern KEY_VALUE =
      Pattern.compile("(?i)(password|passwd|pwd|secret|token)(\\s*)=(\\s*)[^&;\\s'\"]*");
  /** user:password@host, with or without the // before it; the last '@' ends the password. */
  private static final Pattern USER_INFO = Pattern.compile("([^\\s/:@;?&'\"]*):[^\\s/]+@");

  private Secrets() {}

  /**
   * @param text any text, or null
   * @return the text with every credential replaced by {@code ***}; empty for null
   */
  public static String mask(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String masked = KEY_VALUE.matcher(text).replaceAll("$1$2=$3***");
    return USER_INFO.matcher(masked).replaceAll("$1:***@");
  }

  /**
   * A failure safe to keep as a cause: the same one when no message in its chain holds a credential, else a
   * chain of {@link SQLException}s with the masked messages and the original SQL states (the stack traces of
   * the originals are kept; their messages are not).
   *
   * @param failure the failure
   * @return a failure whose chain holds no credential
   */
  public static Throwable scrubbed(Throwable failure) {
    boolean secret = false;
    for (Throwable t = failure; t != null && !secret; t = t.getCause()) {
      String message = t.getMessage();
      secret = message != null && !mask(message).equals(message);
    }
    if (!secret) {
      return failure;
    }
    Throwable cause = failure.getCause();
    SQLException copy = new SQLException(failure.getClass().getName() + ": " + mask(failure.getMessage()),
        failure instanceof SQLException sql ? sql.getSQLState() : null,
        cause == null || cause == failure ? null : scrubbed(cause));
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }
}
