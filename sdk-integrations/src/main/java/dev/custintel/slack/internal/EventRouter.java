package dev.custintel.slack.internal;

import dev.custintel.core.CustintelException;
import dev.custintel.slack.SlackResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, while Slack waits for the acknowledgement, what an {@code event_callback} is: a message for the cache
 * (kept at once), an event with effects (recorded by id, then processed on the executor), or nothing to act on.
 * Recording before acknowledging means a duplicate delivery is dropped at once, and a database that cannot record
 * makes the answer a 500, so Slack delivers the event again later. Not API.
 */
final class EventRouter {
  private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

  private final HandlerSettings settings;
  private final Executor executor;
  private final ProcessedEvents events;
  private final MessageCache cache;
  private final TicketCreation creation;
  private final TicketClosing closing;
  private final @Nullable MentionAnswering mentions;
  private final SlackMetrics metrics;

  EventRouter(HandlerSettings settings, Executor executor, ProcessedEvents events, MessageCache cache,
      TicketCreation creation, TicketClosing closing, @Nullable MentionAnswering mentions, SlackMetrics metrics) {
    this.settings = settings;
    this.executor = executor;
    this.events = events;
    this.cache = cache;
    this.creation = creation;
    this.closing = closing;
    this.mentions = mentions;
    this.metrics = metrics;
  }

  SlackResponse route(EventParser.Callback callback) {
    InboundEvent event = callback.event();
    Set<String> bots = botUserIds(callback);
    @Nullable Runnable work = null;
    if (event instanceof InboundEvent.MessageSeen seen) {
      cache.put(seen.message());
    } else if (event instanceof InboundEvent.MessageDeleted deleted) {
      cache.remove(deleted.channelId(), deleted.ts());
    } else if (event instanceof InboundEvent.Reaction reaction) {
      work = reactionWork(reaction, bots);
    } else if (event instanceof InboundEvent.Mention mention) {
      work = mentionWork(mention, bots);
    }
    if (work == null) {
      metrics.event(event.type(), event instanceof InboundEvent.MessageSeen ? "cached" : "ignored");
      return SlackResponse.ok();
    }
    String eventId = callback.eventId();
    if (eventId == null || eventId.length() > 64) {
      metrics.event(event.type(), "rejected");
      return SlackResponse.text(400, "event_id missing or too long");
    }
    return schedule(eventId, event.type(), work);
  }

  private SlackResponse schedule(String eventId, String type, Runnable work) {
    Instant now = settings.clock().instant();
    try {
      if (!events.record(eventId, type, now, now.plus(settings.eventRetention()))) {
        LOG.debug("Slack event {} ({}) was delivered before; dropped", eventId, type);
        metrics.event(type, "duplicate");
        return SlackResponse.ok();
      }
    } catch (CustintelException e) {
      LOG.error("Could not record Slack event {} ({}); answering 500 so that Slack retries: {}", eventId, type,
          e.getMessage());
      metrics.event(type, "error");
      return SlackResponse.text(500, "could not record the event");
    }
    try {
      executor.execute(() -> run(eventId, type, work));
    } catch (RejectedExecutionException e) {
      LOG.error("Could not schedule Slack event {} ({}): the executor refused it; answering 503", eventId, type);
      forget(eventId);
      metrics.event(type, "error");
      return SlackResponse.text(503, "busy");
    }
    metrics.event(type, "accepted");
    return SlackResponse.ok();
  }

  private void forget(String eventId) {
    try {
      events.forget(eventId);
    } catch (CustintelException e) {
      LOG.error("Could not forget Slack event {}; Slack's retry of it will be dropped: {}", eventId, e.getMessage());
    }
  }

  private static void run(String eventId, String type, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      // Nobody waits for this task: log, do not throw into the executor.
      LOG.error("Processing Slack event {} ({}) failed: {}", eventId, type, e.toString());
    }
  }

  private @Nullable Runnable reactionWork(InboundEvent.Reaction r, Set<String> bots) {
    if (r.userId() != null && bots.contains(r.userId())) {
      return null; // the app's own reaction
    }
    if (!r.itemType().equals("message") || r.channelId() == null || r.ts() == null) {
      return null; // a file or file comment
    }
    String channel = r.channelId();
    String ts = r.ts();
    if (settings.ticketReactions().contains(r.reaction())) {
      return () -> creation.onReaction(channel, ts);
    }
    if (settings.closeReactions().contains(r.reaction())) {
      return () -> closing.onReaction(channel, ts);
    }
    return null;
  }

  private @Nullable Runnable mentionWork(InboundEvent.Mention m, Set<String> bots) {
    if (mentions == null || (m.userId() != null && bots.contains(m.userId()))) {
      return null;
    }
    return () -> mentions.onMention(m, bots);
  }

  private Set<String> botUserIds(EventParser.Callback callback) {
    if (settings.botUserId() == null) {
      return callback.botUserIds();
    }
    Set<String> ids = new HashSet<>(callback.botUserIds());
    ids.add(settings.botUserId());
    return ids;
  }
}
