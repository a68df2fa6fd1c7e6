package dev.custintel.slack;

import org.jspecify.annotations.Nullable;

/**
 * A Slack message, as an event or the Web API gave it.
 *
 * @param channelId the conversation, such as {@code C024BE91L}
 * @param ts the message's timestamp id, such as {@code 1712345678.000200}, unique within the channel
 * @param threadTs the thread's parent ts when the message is in a thread (equal to {@code ts} for the parent
 *     itself); null for a message outside threads
 * @param userId who wrote it, if a user did
 * @param botId the bot that posted it, if a bot did
 * @param text the text in Slack's markup ({@code <@U123>}, {@code <mailto:a@b|a@b>}, {@code &amp;}); empty if
 *     none
 */
public record SlackMessage(
    String channelId,
    String ts,
    @Nullable String threadTs,
    @Nullable String userId,
    @Nullable String botId,
    String text) {

  /** @return the ts to reply under so the reply lands in this message's thread: the thread's parent, or this */
  public String replyThreadTs() {
    return threadTs != null ? threadTs : ts;
  }
}
