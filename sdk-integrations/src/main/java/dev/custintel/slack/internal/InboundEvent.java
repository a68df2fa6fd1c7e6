package dev.custintel.slack.internal;

import dev.custintel.slack.SlackMessage;
import org.jspecify.annotations.Nullable;

/** The inner event of an {@code event_callback}, reduced to what the handler uses. Not API. */
sealed interface InboundEvent {

  /** The event's type as Slack names it, for meters and logs. */
  String type();

  /**
   * {@code reaction_added}.
   *
   * @param itemType {@code message}, {@code file} or {@code file_comment}
   * @param channelId the item's channel (messages only)
   * @param ts the item's ts (messages only)
   */
  record Reaction(
      @Nullable String userId, String reaction, String itemType, @Nullable String channelId, @Nullable String ts)
      implements InboundEvent {
    @Override
    public String type() {
      return "reaction_added";
    }
  }

  /** {@code app_mention}. */
  record Mention(
      @Nullable String userId, @Nullable String botId, String text, String channelId, String ts,
      @Nullable String threadTs) implements InboundEvent {
    @Override
    public String type() {
      return "app_mention";
    }

    String replyThreadTs() {
      return threadTs != null ? threadTs : ts;
    }
  }

  /** A {@code message} posted or edited: what the message cache keeps. */
  record MessageSeen(SlackMessage message) implements InboundEvent {
    @Override
    public String type() {
      return "message";
    }
  }

  /** A {@code message_deleted}. */
  record MessageDeleted(String channelId, String ts) implements InboundEvent {
    @Override
    public String type() {
      return "message";
    }
  }

  /** Anything else: acknowledged, not acted on. */
  record Other(String type) implements InboundEvent {}
}
