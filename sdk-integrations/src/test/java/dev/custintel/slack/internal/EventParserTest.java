package dev.custintel.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.slack.SlackMessage;
import org.junit.jupiter.api.Test;

class EventParserTest {

  private static InboundEvent event(String json) {
    return EventParser.parse(SlackJson.read("{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":" + json
        + "}")).event();
  }

  @Test
  void messageSubtypes_editedKeptWithTheirChannel_deletedRemoved_systemMessagesIgnored() {
    assertThat(event("{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"C1\",\"message\":"
        + "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"fixed\",\"ts\":\"1.1\",\"thread_ts\":\"1.0\"}}"))
        .isEqualTo(new InboundEvent.MessageSeen(new SlackMessage("C1", "1.1", "1.0", "U1", null, "fixed")));
    assertThat(event("{\"type\":\"message\",\"subtype\":\"message_deleted\",\"channel\":\"C1\","
        + "\"deleted_ts\":\"1.1\"}")).isEqualTo(new InboundEvent.MessageDeleted("C1", "1.1"));
    assertThat(event("{\"type\":\"message\",\"subtype\":\"bot_message\",\"channel\":\"C1\",\"bot_id\":\"B1\","
        + "\"ts\":\"1.2\"}")).isEqualTo(new InboundEvent.MessageSeen(new SlackMessage("C1", "1.2", null, null, "B1",
        "")));
    assertThat(event("{\"type\":\"message\",\"subtype\":\"channel_join\",\"channel\":\"C1\",\"ts\":\"1.3\"}"))
        .isEqualTo(new InboundEvent.Other("message"));
    assertThat(event("{\"type\":\"message\",\"subtype\":\"message_deleted\",\"channel\":\"C1\"}"))
        .isEqualTo(new InboundEvent.Other("message"));
    assertThat(event("{\"type\":\"message\",\"text\":\"no channel\",\"ts\":\"1.4\"}"))
        .isEqualTo(new InboundEvent.Other("message"));
    assertThat(event("{\"type\":\"message\",\"channel\":\"C1\",\"text\":\"no ts\"}"))
        .isEqualTo(new InboundEvent.Other("message"));
  }

  @Test
  void incompleteEvents_other() {
    assertThat(event("{\"type\":\"reaction_added\",\"user\":\"U1\"}")).isEqualTo(
        new InboundEvent.Other("reaction_added"));
    assertThat(event("{\"type\":\"app_mention\",\"text\":\"hi\"}")).isEqualTo(new InboundEvent.Other("app_mention"));
    assertThat(event("{}")).isEqualTo(new InboundEvent.Other("unknown"));
  }

  @Test
  void botUsers_fromAuthorizationsThatAreBots() {
    EventParser.Callback c = EventParser.parse(SlackJson.read("{\"event_id\":\"Ev2\",\"authorizations\":["
        + "{\"user_id\":\"UBOT\",\"is_bot\":true},{\"user_id\":\"UHUMAN\",\"is_bot\":false}],\"event\":{}}"));

    assertThat(c.botUserIds()).containsExactly("UBOT");
    assertThat(c.eventId()).isEqualTo("Ev2");
  }
}
