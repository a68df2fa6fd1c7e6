package dev.custintel.slack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.slack.SlackMessage;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@code event_callback} envelope: {@code event_id}, the bot users the event was delivered for
 * ({@code authorizations} entries with {@code is_bot}), and the inner event. Not API.
 */
final class EventParser {
  private EventParser() {}

  /** @param eventId null when the envelope has none */
  record Callback(@Nullable String eventId, Set<String> botUserIds, InboundEvent event) {}

  static Callback parse(JsonNode envelope) {
    Set<String> bots = new LinkedHashSet<>();
    for (JsonNode a : envelope.path("authorizations")) {
      String user = SlackJson.text(a, "user_id");
      if (user != null && a.path("is_bot").asBoolean(false)) {
        bots.add(user);
      }
    }
    return new Callback(SlackJson.text(envelope, "event_id"), Set.copyOf(bots), event(envelope.path("event")));
  }

  private static InboundEvent event(JsonNode e) {
    String type = SlackJson.text(e, "type");
    if (type == null) {
      return new InboundEvent.Other("unknown");
    }
    return switch (type) {
      case "reaction_added" -> reaction(e);
      case "app_mention" -> mention(e);
      case "message" -> message(e);
      default -> new InboundEvent.Other(type);
    };
  }

  private static InboundEvent reaction(JsonNode e) {
    String reaction = SlackJson.text(e, "reaction");
    JsonNode item = e.path("item");
    String itemType = SlackJson.text(item, "type");
    if (reaction == null || itemType == null) {
      return new InboundEvent.Other("reaction_added");
    }
    return new InboundEvent.Reaction(SlackJson.text(e, "user"), reaction, itemType, SlackJson.text(item, "channel"),
        SlackJson.text(item, "ts"));
  }

  private static InboundEvent mention(JsonNode e) {
    String channel = SlackJson.text(e, "channel");
    String ts = SlackJson.text(e, "ts");
    if (channel == null || ts == null) {
      return new InboundEvent.Other("app_mention");
    }
    String text = SlackJson.text(e, "text");
    return new InboundEvent.Mention(SlackJson.text(e, "user"), SlackJson.text(e, "bot_id"), text == null ? "" : text,
        channel, ts, SlackJson.text(e, "thread_ts"));
  }

  private static InboundEvent message(JsonNode e) {
    String channel = SlackJson.text(e, "channel");
    if (channel == null) {
      return new InboundEvent.Other("message");
    }
    String subtype = SlackJson.text(e, "subtype");
    if (subtype == null || subtype.equals("bot_message") || subtype.equals("thread_broadcast")
        || subtype.equals("file_share") || subtype.equals("me_message")) {
      return seen(e, channel);
    }
    if (subtype.equals("message_changed")) {
      return seen(e.path("message"), channel);
    }
    if (subtype.equals("message_deleted")) {
      String deleted = SlackJson.text(e, "deleted_ts");
      return deleted == null ? new InboundEvent.Other("message") : new InboundEvent.MessageDeleted(channel, deleted);
    }
    return new InboundEvent.Other("message");
  }

  private static InboundEvent seen(JsonNode m, String channel) {
    SlackMessage message = SlackJson.message(m, channel);
    return message == null ? new InboundEvent.Other("message") : new InboundEvent.MessageSeen(message);
  }
}
