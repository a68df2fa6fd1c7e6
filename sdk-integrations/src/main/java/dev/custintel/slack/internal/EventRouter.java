package dev.custintel.slack.internal;

import dev.custintel.core.CustintelException;
import dev.custintel.slack.SlackMessage;
import dev.custintel.slack.SlackResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, while Slack waits for the acknowledgement, what an {@code event_callback} is: a message for the cache
 * (kept at once), an event with effects, or nothing to act on. An event with effects has its ids checked (400 with
 * the reason if they do not look like Slack's), then its id and its work are written in one transaction (see
 * {@link WorkQueue}) and only then acknowledged: a duplicate delivery is dropped at once, a database that cannot
 * record makes the answer a 500 (Slack delivers again later), and acknowledged work survives a crash. The work
 * then runs on the executor. Not API.
 */
final class EventRouter {
  private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

  private final HandlerSettings settings;
  private final WorkQueue queue;
  private final WorkRunner runner;
  private final MessageCache cache;
  private final boolean mentions;
  private final SlackMetrics metrics;

  EventRouter(HandlerSettings settings, WorkQueue queue, WorkRunner runner, MessageCache cache, boolean mentions,
      SlackMetrics metrics) {
    this.settings = settings;
    this.queue = queue;
    this.runner = runner;
    this.cache = cache;
    this.mentions = mentions;
    this.metrics = metrics;
  }

  SlackResponse route(EventParser.Callback callback) {
    InboundEvent event = callback.event();
    Set<String> bots = botUserIds(callback);
    String eventId = callback.eventId();
    @Nullable WorkItem work = null;
    @Nullable String problem = null;
    if (event instanceof InboundEvent.MessageSeen seen) {
      cache.put(seen.message());
    } else if (event instanceof InboundEvent.MessageDeleted deleted) {
      cache.remove(deleted.channelId(), deleted.ts());
    } else if (event instanceof InboundEvent.Reaction reaction) {
      WorkItem.@Nullable Kind kind = reactionKind(reaction, bots);
      if (kind != null) {
        problem = first(SlackIds.idProblem("item.channel", reaction.channelId()),
            SlackIds.tsProblem("item.ts", reaction.ts()));
        work = WorkItem.reaction(eventId == null ? "" : eventId, kind, String.valueOf(reaction.channelId()),
            String.valueOf(reaction.ts()));
      }
    } else if (event instanceof InboundEvent.Mention mention) {
      if (mentions && (mention.userId() == null || !bots.contains(mention.userId()))) {
        problem = first(SlackIds.idProblem("channel", mention.channelId()), SlackIds.tsProblem("ts", mention.ts()),
            SlackIds.tsProblem("thread_ts", mention.threadTs()), SlackIds.idProblem("user", mention.userId()));
        for (String bot : bots) {
          problem = first(problem, SlackIds.idProblem("authorizations.user_id", bot));
        }
        work = WorkItem.mention(eventId == null ? "" : eventId, mention, bots);
      }
    }
    if (work == null) {
      metrics.event(event.type(), event instanceof InboundEvent.MessageSeen ? "cached" : "ignored");
      return SlackResponse.ok();
    }
    problem = first(SlackIds.eventIdProblem(eventId), problem);
    if (problem != null) {
      LOG.info("Refused a Slack {} event: {}", event.type(), problem);
      metrics.event(event.type(), "rejected");
      return SlackResponse.text(400, problem);
    }
    return accept(event.type(), work);
  }

  private SlackResponse accept(String type, WorkItem work) {
    Instant now = settings.clock().instant();
    @Nullable SlackMessage message = work.kind() == WorkItem.Kind.TICKET
        ? cache.get(work.channelId(), work.ts()).orElse(null) : null;
    try {
      if (!queue.accept(type, work, now, now.plus(settings.eventRetention()), message,
          now.plus(settings.eventRetention()))) {
        LOG.debug("Slack event {} ({}) was delivered before; dropped", work.eventId(), type);
        metrics.event(type, "duplicate");
        return SlackResponse.ok();
      }
    } catch (CustintelException e) {
      LOG.error("Could not record Slack event {} ({}); answering 500 so that Slack retries: {}", work.eventId(), type,
          e.getMessage());
      metrics.event(type, "error");
      return SlackResponse.text(500, "could not record the event");
    }
    metrics.event(type, "accepted");
    runner.dispatch(work.eventId());
    return SlackResponse.ok();
  }

  private WorkItem.@Nullable Kind reactionKind(InboundEvent.Reaction r, Set<String> bots) {
    if (r.userId() != null && bots.contains(r.userId())) {
      return null; // the app's own reaction
    }
    if (!r.itemType().equals("message") || r.channelId() == null || r.ts() == null) {
      return null; // a file or file comment
    }
    if (settings.ticketReactions().contains(r.reaction())) {
      return WorkItem.Kind.TICKET;
    }
    if (settings.closeReactions().contains(r.reaction())) {
      return WorkItem.Kind.CLOSE;
    }
    return null;
  }

  private static @Nullable String first(@Nullable String... problems) {
    for (String p : problems) {
      if (p != null) {
        return p;
      }
    }
    return null;
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
