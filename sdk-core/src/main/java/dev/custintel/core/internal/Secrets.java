package dev.custintel.core.internal;

import dev.custintel.core.store.Credentials;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Keeps credentials out of messages and cause chains (the masking itself is the public {@link Credentials}). Not API.
 */
public final class Secrets {
  private Secrets() {}

  /**
   * @param text any text, or null
   * @return the text with every credential replaced by {@code ***}; empty for null
   */
  public static String mask(@Nullable String text) {
    return Credentials.mask(text);
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
