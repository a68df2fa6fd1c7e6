package dev.custintel.slack;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request from Slack, as the host received it: the raw body, exactly as sent (the signature covers its
 * bytes, so do not re-serialise parsed JSON), and the headers.
 *
 * <pre>{@code
 * SlackResponse r = handler.handle(SlackRequest.of(bodyBytes, exchange.getRequestHeaders()));
 * }</pre>
 *
 * @param body the raw body, decoded as UTF-8 (Slack sends UTF-8)
 * @param headers header names in lower case (HTTP header names are case-insensitive) to their first value
 */
public record SlackRequest(String body, Map<String, String> headers) {

  /** Copies the headers with their names in lower case. */
  public SlackRequest {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headers, "headers");
    Map<String, String> lower = new HashMap<>();
    headers.forEach((name, value) -> {
      if (name != null && value != null) {
        lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
      }
    });
    headers = Map.copyOf(lower);
  }

  /**
   * @param body the raw body bytes
   * @param headers the headers, each name to its values (as servlet containers and the JDK's server give them)
   * @return the request, with each header's first value
   */
  public static SlackRequest of(byte[] body, Map<String, ? extends List<String>> headers) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headers, "headers");
    Map<String, String> first = new HashMap<>();
    headers.forEach((name, values) -> {
      if (name != null && values != null && !values.isEmpty()) {
        first.put(name, values.get(0));
      }
    });
    return new SlackRequest(new String(body, StandardCharsets.UTF_8), first);
  }

  /**
   * @param name a header name, any case
   * @return its value, or null if the request has no such header
   */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    // The body can hold customers' messages; the headers are not secret but say little.
    return "SlackRequest[" + body.length() + " chars, headers=" + headers.keySet() + "]";
  }
}
