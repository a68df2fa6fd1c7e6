package dev.custintel.slack;

import org.jspecify.annotations.Nullable;

/**
 * Slack answered {@code {"ok":false,"error":"..."}}: the call reached Slack and was refused. The error code says
 * why, such as {@code channel_not_found}, {@code not_in_channel} (invite the app to the channel),
 * {@code missing_scope} (add {@link #neededScope()} to the app and reinstall it) or {@code invalid_auth}.
 */
public class SlackApiException extends SlackException {
  private static final long serialVersionUID = 1L;

  private final String error;
  private final @Nullable String neededScope;

  /**
   * @param method the Web API method
   * @param status the HTTP status (usually 200)
   * @param error Slack's error code, such as {@code "channel_not_found"}
   * @param neededScope the scope Slack said is missing ({@code needed}), for {@code missing_scope}; else null
   * @param attempts how many times the request was sent
   */
  public SlackApiException(String method, int status, String error, @Nullable String neededScope, int attempts) {
    super("Slack refused " + method + ": " + error + hint(error, neededScope), method, status, attempts,
        false, null);
    this.error = error;
    this.neededScope = neededScope;
  }

  private static String hint(String error, @Nullable String neededScope) {
    return switch (error) {
      case "missing_scope" -> ". Add the scope " + (neededScope == null ? "it names" : "'" + neededScope + "'")
          + " to the Slack app and reinstall it.";
      case "not_in_channel", "channel_not_found" -> ". Invite the app to the channel, or check the channel id.";
      case "invalid_auth", "not_authed", "token_revoked", "account_inactive" -> ". Check the bot token.";
      default -> ".";
    };
  }

  /** @return Slack's error code, such as {@code "channel_not_found"} */
  public String error() {
    return error;
  }

  /** @return the scope Slack said is missing, for {@code missing_scope}; otherwise null */
  public @Nullable String neededScope() {
    return neededScope;
  }
}
