package dev.custintel.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Events API bodies shaped as Slack documents them (envelope, authorizations, inner event). */
final class SlackEvents {
  static final String TEAM = "T0SHOP001";
  static final String BOT_USER = "UBOT0001";
  static final String CHANNEL = "C0SUPPORT";
  static final String AGENT = "UAGENT001";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SlackEvents() {}

  static String urlVerification(String challenge) {
    return MAPPER.createObjectNode().put("token", "legacy-verification-token").put("challenge", challenge)
        .put("type", "url_verification").toString();
  }

  static String reaction(String eventId, String user, String reaction, String channel, String ts) {
    ObjectNode e = MAPPER.createObjectNode().put("type", "reaction_added").put("user", user)
        .put("reaction", reaction).put("item_user", "UCUSTOMER").put("event_ts", "1772441990.000500");
    e.putObject("item").put("type", "message").put("channel", channel).put("ts", ts);
    return envelope(eventId, e);
  }

  static String fileReaction(String eventId, String user, String reaction) {
    ObjectNode e = MAPPER.createObjectNode().put("type", "reaction_added").put("user", user)
        .put("reaction", reaction).put("event_ts", "1772441990.000500");
    e.putObject("item").put("type", "file").put("file", "F0FILE001");
    return envelope(eventId, e);
  }

  static String mention(String eventId, String user, String text, String ts, String threadTs) {
    ObjectNode e = MAPPER.createObjectNode().put("type", "app_mention").put("user", user).put("text", text)
        .put("ts", ts).put("channel", CHANNEL).put("event_ts", ts);
    if (threadTs != null) {
      e.put("thread_ts", threadTs);
    }
    return envelope(eventId, e);
  }

  static String message(String eventId, String ts, String threadTs, String text) {
    ObjectNode e = MAPPER.createObjectNode().put("type", "message").put("channel", CHANNEL).put("user", AGENT)
        .put("text", text).put("ts", ts).put("event_ts", ts).put("channel_type", "channel");
    if (threadTs != null) {
      e.put("thread_ts", threadTs);
    }
    return envelope(eventId, e);
  }

  static String envelope(String eventId, ObjectNode event) {
    ObjectNode root = MAPPER.createObjectNode().put("token", "legacy-verification-token").put("team_id", TEAM)
        .put("api_app_id", "A0APP0001").put("type", "event_callback").put("event_id", eventId)
        .put("event_time", 1772441990);
    root.set("event", event);
    root.putArray("authorizations").addObject().put("team_id", TEAM).put("user_id", BOT_USER).put("is_bot", true)
        .put("is_enterprise_install", false);
    return root.toString();
  }
}
