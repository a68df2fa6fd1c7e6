package dev.custintel.examples.slack;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bot's settings, read from environment variables. Every required variable is checked, and a missing one is
 * named in the error. {@code toString()} shows no secret.
 *
 * @param slackSigningSecret {@code SLACK_SIGNING_SECRET}: the Slack app's signing secret
 * @param slackBotToken {@code SLACK_BOT_TOKEN}: the bot token, {@code xoxb-...}
 * @param gorgiasSubdomain {@code GORGIAS_SUBDOMAIN}: the account, as in {@code https://acme.gorgias.com}
 * @param gorgiasEmail {@code GORGIAS_EMAIL}: the email of the Gorgias user the API key belongs to
 * @param gorgiasApiKey {@code GORGIAS_API_KEY}: the REST API key
 * @param jdbcUrl {@code CUSTINTEL_JDBC_URL}: the store's database, such as {@code jdbc:h2:file:./ci-data/ci}
 * @param port {@code PORT}: the HTTP port, 0 for any free one
 * @param slackApiUrl {@code SLACK_API_URL} (optional): another Web API base URL, such as a proxy or a test server
 * @param gorgiasBaseUrl {@code GORGIAS_BASE_URL} (optional): another Gorgias base URL, instead of the subdomain's
 */
record BotSettings(
    String slackSigningSecret,
    String slackBotToken,
    String gorgiasSubdomain,
    String gorgiasEmail,
    String gorgiasApiKey,
    String jdbcUrl,
    int port,
    @Nullable String slackApiUrl,
    @Nullable String gorgiasBaseUrl) {

  /** A required variable is missing or malformed; the message names it and says what it holds. */
  static final class MissingSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingSettingException(String message) {
      super(message);
    }
  }

  /**
   * @param env the environment, such as {@code System.getenv()}
   * @return the settings
   * @throws MissingSettingException naming the first variable that is missing or malformed
   */
  static BotSettings fromEnvironment(Map<String, String> env) {
    String portText = required(env, "PORT", "the HTTP port to listen on (0 for any free port)");
    int port;
    try {
      port = Integer.parseInt(portText.strip());
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65_535) {
      throw new MissingSettingException("PORT must be a port number from 0 to 65535 (was '" + portText + "').");
    }
    return new BotSettings(
        required(env, "SLACK_SIGNING_SECRET", "the Slack app's signing secret (Basic Information, App Credentials)"),
        required(env, "SLACK_BOT_TOKEN", "the Slack app's bot token, xoxb-... (OAuth & Permissions)"),
        required(env, "GORGIAS_SUBDOMAIN", "the Gorgias account, as in https://<subdomain>.gorgias.com"),
        required(env, "GORGIAS_EMAIL", "the email of the Gorgias user the API key belongs to"),
        required(env, "GORGIAS_API_KEY", "the Gorgias REST API key (Settings, REST API)"),
        required(env, "CUSTINTEL_JDBC_URL", "the store's database, such as jdbc:h2:file:./ci-data/ci"),
        port,
        optional(env, "SLACK_API_URL"),
        optional(env, "GORGIAS_BASE_URL"));
  }

  private static String required(Map<String, String> env, String name, String what) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new MissingSettingException("Set the environment variable " + name + ": " + what + ".");
    }
    return value.strip();
  }

  private static @Nullable String optional(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public String toString() {
    return "BotSettings[gorgiasSubdomain=" + gorgiasSubdomain + ", port=" + port + ", secrets=(redacted)]";
  }
}
