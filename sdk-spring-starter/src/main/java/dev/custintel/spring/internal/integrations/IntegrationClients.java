package dev.custintel.spring.internal.integrations;

import dev.custintel.core.InvalidInputException;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.slack.SlackWebClient;
import dev.custintel.spring.CustintelProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes the Gorgias and Slack Web API clients from {@code custintel.gorgias.*} and {@code custintel.slack.*}. A
 * missing or invalid setting fails the start with an {@link IllegalStateException} that names the property and
 * says what it holds; no message ever carries a key, token or secret.
 */
public final class IntegrationClients {
  /** The Gorgias account's subdomain. */
  public static final String GORGIAS_SUBDOMAIN = "custintel.gorgias.subdomain";
  /** The Gorgias base URL. */
  public static final String GORGIAS_BASE_URL = "custintel.gorgias.base-url";
  /** The Gorgias API user's e-mail address. */
  public static final String GORGIAS_EMAIL = "custintel.gorgias.email";
  /** The Gorgias API key. */
  public static final String GORGIAS_API_KEY = "custintel.gorgias.api-key";
  /** The Slack app's signing secret. */
  public static final String SLACK_SIGNING_SECRET = "custintel.slack.signing-secret";
  /** The Slack bot token. */
  public static final String SLACK_BOT_TOKEN = "custintel.slack.bot-token";
  /** The Slack Web API's base URL. */
  public static final String SLACK_API_URL = "custintel.slack.api-url";

  private IntegrationClients() {}

  /**
   * @param settings {@code custintel.gorgias.*}, with a subdomain or a base URL
   * @param registry where the client's meters go, or null for none
   * @return the client; the caller closes it
   * @throws IllegalStateException naming the property that is missing or invalid
   */
  public static GorgiasClient gorgias(CustintelProperties.Gorgias settings, @Nullable MeterRegistry registry) {
    String account = GORGIAS_SUBDOMAIN + " or " + GORGIAS_BASE_URL + " is set";
    String email = required(settings.email(), GORGIAS_EMAIL, account,
        "the e-mail address of the Gorgias user the API key belongs to");
    String apiKey = required(settings.apiKey(), GORGIAS_API_KEY, account,
        "the user's Gorgias REST API key (Settings, REST API)");
    GorgiasClient.Builder builder = GorgiasClient.builder();
    String baseUrl = text(settings.baseUrl());
    String subdomain = text(settings.subdomain());
    try {
      if (baseUrl != null) {
        builder.baseUrl(baseUrl);
      } else if (subdomain != null) {
        builder.subdomain(subdomain);
      } else {
        throw new IllegalStateException("Set " + GORGIAS_SUBDOMAIN + " or " + GORGIAS_BASE_URL);
      }
      builder.basicAuth(email, apiKey);
    } catch (InvalidInputException e) {
      throw invalid(switch (e.field()) {
        case "baseUrl" -> GORGIAS_BASE_URL;
        case "subdomain" -> GORGIAS_SUBDOMAIN;
        case "accountEmail" -> GORGIAS_EMAIL;
        case "apiKey" -> GORGIAS_API_KEY;
        default -> "custintel.gorgias." + e.field();
      }, e);
    }
    if (registry != null) {
      builder.meterRegistry(registry);
    }
    return builder.build();
  }

  /**
   * @param settings {@code custintel.slack.*}
   * @param registry where the client's meters go, or null for none
   * @return the Web API client; the caller closes it
   * @throws IllegalStateException naming the property that is missing or invalid
   */
  public static SlackWebClient slack(CustintelProperties.Slack settings, @Nullable MeterRegistry registry) {
    String token = required(settings.botToken(), SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET + " is set",
        "the Slack app's bot token, xoxb-... (OAuth & Permissions), for replies in threads");
    SlackWebClient.Builder builder = SlackWebClient.builder();
    try {
      builder.botToken(token);
    } catch (InvalidInputException e) {
      throw invalid(SLACK_BOT_TOKEN, e);
    }
    String apiUrl = text(settings.apiUrl());
    if (apiUrl != null) {
      try {
        builder.baseUrl(apiUrl);
      } catch (InvalidInputException e) {
        throw invalid(SLACK_API_URL, e);
      }
    }
    if (registry != null) {
      builder.meterRegistry(registry);
    }
    return builder.build();
  }

  /**
   * @param settings {@code custintel.slack.*}
   * @return the signing secret, stripped
   * @throws IllegalStateException if it is not set
   */
  public static String signingSecret(CustintelProperties.Slack settings) {
    return required(settings.signingSecret(), SLACK_SIGNING_SECRET, "the Slack events endpoint is on",
        "the Slack app's signing secret (Basic Information, App Credentials)");
  }

  /**
   * @param settings {@code custintel.gorgias.*}
   * @return the address of a ticket in the Gorgias app with {@code {id}} for its id, when the subdomain is set
   */
  public static @Nullable String ticketUrlTemplate(CustintelProperties.Gorgias settings) {
    String subdomain = text(settings.subdomain());
    return subdomain == null ? null : "https://" + subdomain + ".gorgias.com/app/ticket/{id}";
  }

  /** @return the value stripped, or null when it is null or blank */
  static @Nullable String text(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String required(@Nullable String value, String property, String because, String what) {
    String text = text(value);
    if (text == null) {
      throw new IllegalStateException("Set " + property + ", required when " + because + ": " + what);
    }
    return text;
  }

  /** The reason of the SDK's check never quotes a key or a token (only lengths), so it can be shown. */
  private static IllegalStateException invalid(String property, InvalidInputException e) {
    return new IllegalStateException("Invalid " + property + ": " + e.reason());
  }
}
