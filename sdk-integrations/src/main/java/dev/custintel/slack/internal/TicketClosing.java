package dev.custintel.slack.internal;

import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.gorgias.GorgiasException;
import dev.custintel.slack.SlackMessage;
import dev.custintel.slack.TicketLink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The close reaction: closes the Gorgias ticket of the reacted message, or of the thread it belongs to, and says
 * so in the thread. The thread of a reply is known only from the message cache (Slack's event does not give it).
 * A message with no linked ticket: nothing at all happens. Each link is closed once: setting its
 * {@code closed_at} is the claim. Not API.
 */
final class TicketClosing {
  private static final Logger LOG = LoggerFactory.getLogger(TicketClosing.class);

  private final HandlerSettings settings;
  private final TicketLinks links;
  private final MessageCache cache;
  private final GorgiasClient gorgias;
  private final Replier replier;

  TicketClosing(HandlerSettings settings, TicketLinks links, MessageCache cache, Replier replier) {
    this.settings = settings;
    this.links = links;
    this.cache = cache;
    this.gorgias = settings.gorgias();
    this.replier = replier;
  }

  /** @param workId the work item (event id) this is a run of: its own close claim is retaken after a crash */
  void onReaction(String channelId, String ts, String workId) {
    List<TicketLink> targets = targets(channelId, ts);
    if (targets.isEmpty()) {
      LOG.debug("Close reaction on Slack message {} in {}: no linked ticket", ts, channelId);
      return;
    }
    for (TicketLink link : targets) {
      close(link, ts, workId);
    }
  }

  /** The message's own link; else the links of the thread it is the parent of, or a reply in. */
  private List<TicketLink> targets(String channelId, String ts) {
    List<TicketLink> found = links.linkedAt(channelId, ts);
    List<TicketLink> own = found.stream().filter(l -> l.messageTs().equals(ts)).toList();
    if (!own.isEmpty()) {
      return own;
    }
    if (!found.isEmpty()) {
      return found;
    }
    Optional<String> thread = cache.get(channelId, ts).map(SlackMessage::threadTs).filter(t -> !t.equals(ts));
    return thread.isPresent() ? links.linkedAt(channelId, thread.get()) : List.of();
  }

  private void close(TicketLink link, String reactedTs, String workId) {
    Long ticketId = link.ticketId();
    Instant now = settings.clock().instant();
    if (ticketId == null || !links.claimClose(link.channelId(), link.messageTs(), workId, now)) {
      return; // closed from Slack already
    }
    String thread = link.threadTs() != null ? link.threadTs() : reactedTs;
    try {
      gorgias.closeTicket(ticketId);
      LOG.info("Closed Gorgias ticket {} of Slack message {} in {}", ticketId, link.messageTs(), link.channelId());
      replier.reply(link.channelId(), thread, Replies.closed(ticketId, link.ticketUrl()));
    } catch (GorgiasException e) {
      LOG.warn("Could not close Gorgias ticket {}: {}", ticketId, e.getMessage());
      links.releaseClose(link.channelId(), link.messageTs(), Replies.lastError(e), settings.clock().instant());
      replier.reply(link.channelId(), thread,
          Replies.closeFailed(ticketId, link.ticketUrl(), e, settings.closeReactionHint()));
    }
  }
}
