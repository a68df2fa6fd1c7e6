package dev.custintel.slack.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.slack.SlackMessage;
import org.jspecify.annotations.Nullable;

/** Reads Slack's JSON as trees (unknown fields ignored) and writes request bodies. Not API. */
final class SlackJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SlackJson() {}

  /** @throws IllegalArgumentException if the text is not a JSON object */
  static JsonNode read(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the field as text, or null when absent, null or blank */
  static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  /**
   * @param n a message object (an event, or an element of {@code messages})
   * @param channelId the conversation, when the object does not name it
   * @return the message, or null when it has no ts
   */
  static @Nullable SlackMessage message(JsonNode n, String channelId) {
    String ts = text(n, "ts");
    if (ts == null) {
      return null;
    }
    String channel = text(n, "channel");
    String body = text(n, "text");
    return new SlackMessage(channel != null ? channel : channelId, ts, text(n, "thread_ts"), text(n, "user"),
        text(n, "bot_id"), body == null ? "" : body);
  }
}
