package dev.custintel.slack.internal;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The work an accepted event asks for, as it is kept in the database until it is done. Not API.
 *
 * @param eventId the event's id, the work's key
 * @param channelId the reacted message's or the mention's channel
 * @param ts the reacted message's or the mention's ts
 * @param threadTs the mention's thread, if it is in one
 * @param userId the mention's author
 * @param text the mention's text
 * @param botUserIds the app's bot users, taken out of a mention's question
 * @param runs how many runs were started, this one included
 */
record WorkItem(
    String eventId,
    Kind kind,
    String channelId,
    String ts,
    @Nullable String threadTs,
    @Nullable String userId,
    @Nullable String text,
    Set<String> botUserIds,
    int runs) {

  /** What the work does. */
  enum Kind {
    /** A ticket reaction: make the message's ticket. */
    TICKET,
    /** A close reaction: close the ticket of the message or its thread. */
    CLOSE,
    /** A mention: answer it in the thread. */
    MENTION
  }

  static WorkItem reaction(String eventId, Kind kind, String channelId, String ts) {
    return new WorkItem(eventId, kind, channelId, ts, null, null, null, Set.of(), 0);
  }

  static WorkItem mention(String eventId, InboundEvent.Mention m, Set<String> bots) {
    return new WorkItem(eventId, Kind.MENTION, m.channelId(), m.ts(), m.threadTs(), m.userId(), m.text(),
        Set.copyOf(bots), 0);
  }

  InboundEvent.Mention asMention() {
    return new InboundEvent.Mention(userId, null, text == null ? "" : text, channelId, ts, threadTs);
  }
}
