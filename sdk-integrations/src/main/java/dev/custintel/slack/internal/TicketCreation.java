package dev.custintel.slack.internal;

import dev.custintel.core.InvalidInputException;
import dev.custintel.gorgias.CreateTicketRequest;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.gorgias.GorgiasException;
import dev.custintel.gorgias.Ticket;
import dev.custintel.gorgias.TicketQuery;
import dev.custintel.slack.SlackException;
import dev.custintel.slack.SlackMessage;
import dev.custintel.slack.SlackWebClient;
import dev.custintel.slack.TicketLink;
import dev.custintel.slack.TicketLinkStatus;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket reaction: one Gorgias ticket per Slack message, however many reactions and retries arrive. The link
 * row is claimed first (see {@link TicketLinks}); only the claim's owner reads the message, finds the customer and
 * creates the ticket. A retry of a message whose earlier attempt may have reached Gorgias first looks the ticket
 * up by its external id, so it is never made twice. Not API.
 */
final class TicketCreation {
  private static final Logger LOG = LoggerFactory.getLogger(TicketCreation.class);

  /** How an attempt ended. */
  enum Outcome { LINKED, FAILED, NO_CUSTOMER, SKIPPED }

  private final HandlerSettings settings;
  private final TicketLinks links;
  private final MessageReader reader;
  private final CustomerFinder customers;
  private final GorgiasClient gorgias;
  private final SlackWebClient slack;
  private final Replier replier;

  TicketCreation(HandlerSettings settings, TicketLinks links, MessageReader reader, CustomerFinder customers,
      Replier replier) {
    this.settings = settings;
    this.links = links;
    this.reader = reader;
    this.customers = customers;
    this.gorgias = settings.gorgias();
    this.slack = settings.slack();
    this.replier = replier;
  }

  static String externalId(String channelId, String messageTs) {
    return "slack:" + channelId + ":" + messageTs;
  }

  /** A ticket reaction on a message: create its ticket, or point to the one it has. */
  void onReaction(String channelId, String messageTs) {
    Optional<TicketLink> known = links.find(channelId, messageTs);
    if (known.isPresent() && known.get().status() == TicketLinkStatus.LINKED) {
      replyExisting(known.get(), messageTs);
      return;
    }
    Instant now = settings.clock().instant();
    TicketLinks.Claim claim = links.claim(channelId, messageTs, externalId(channelId, messageTs), now,
        now.minus(settings.claimTimeout()));
    switch (claim.kind()) {
      case OWNED -> attempt(channelId, messageTs, claim.attempt(), true);
      case LINKED -> replyExisting(claim.link(), messageTs);
      case BUSY -> LOG.debug("Ticket for Slack message {} in {} is being created by another attempt", messageTs,
          channelId);
    }
  }

  /** Tries a failed or stale link again; replies in the thread only on success. */
  Outcome retry(TicketLink link) {
    Instant now = settings.clock().instant();
    Integer attempt = links.takeOver(link.channelId(), link.messageTs(), link.attempts(), now,
        now.minus(settings.claimTimeout()));
    if (attempt == null) {
      return Outcome.SKIPPED;
    }
    return attempt(link.channelId(), link.messageTs(), attempt, false);
  }

  private void replyExisting(@Nullable TicketLink link, String messageTs) {
    if (link == null || link.ticketId() == null) {
      return;
    }
    String thread = link.threadTs() != null ? link.threadTs() : messageTs;
    replier.reply(link.channelId(), thread, Replies.existing(link.ticketId(), link.ticketUrl()));
  }

  private Outcome attempt(String channelId, String messageTs, int attempt, boolean replyOnFailure) {
    String reaction = settings.ticketReactionHint();
    SlackMessage message;
    try {
      message = reader.read(channelId, messageTs);
    } catch (MessageReader.UnreadableException e) {
      links.failed(channelId, messageTs, attempt, null, "Could not read the message: " + e.getMessage(), now());
      if (replyOnFailure) {
        replier.reply(channelId, messageTs, Replies.unreadable(String.valueOf(e.getMessage()), reaction));
      }
      return Outcome.FAILED;
    }
    String thread = message.replyThreadTs();
    String text = SlackText.plain(message.text());
    try {
      Optional<CustomerFinder.Found> customer = customers.find(text);
      if (customer.isEmpty()) {
        links.release(channelId, messageTs, attempt);
        if (replyOnFailure) {
          replier.reply(channelId, thread, Replies.noCustomer(reaction, settings.customerIdPattern() != null));
        }
        return Outcome.NO_CUSTOMER;
      }
      String externalId = externalId(channelId, messageTs);
      Optional<Ticket> earlier = attempt > 1 ? findByExternalId(externalId) : Optional.empty();
      Ticket ticket = earlier.isPresent() ? earlier.get()
          : gorgias.createTicket(request(externalId, message, text, customer.get()));
      String url = settings.ticketUrl(ticket.id());
      if (!links.linked(channelId, messageTs, attempt, thread, ticket.id(), url, now())) {
        LOG.info("Gorgias ticket {} for Slack message {} in {}: a newer attempt owns the link", ticket.id(),
            messageTs, channelId);
        return Outcome.SKIPPED;
      }
      LOG.info("Linked Slack message {} in {} to Gorgias ticket {}{}", messageTs, channelId, ticket.id(),
          earlier.isPresent() ? " (found by external id)" : "");
      replier.reply(channelId, thread, Replies.created(ticket.id(), url));
      return Outcome.LINKED;
    } catch (GorgiasException | InvalidInputException e) {
      // InvalidInputException: something in the message the ticket request refuses, such as a malformed address.
      String problem = e instanceof GorgiasException g ? Replies.gorgiasProblem(g) : String.valueOf(e.getMessage());
      LOG.warn("Could not create the Gorgias ticket for Slack message {} in {} (attempt {}): {}", messageTs,
          channelId, attempt, e.getMessage());
      links.failed(channelId, messageTs, attempt, thread, Replies.lastError(e), now());
      if (replyOnFailure) {
        replier.reply(channelId, thread, Replies.createFailed(problem, reaction));
      }
      return Outcome.FAILED;
    }
  }

  private Optional<Ticket> findByExternalId(String externalId) {
    return gorgias.listTickets(TicketQuery.builder().externalId(externalId).limit(1).build()).items().stream()
        .filter(t -> externalId.equals(t.externalId()))
        .findFirst();
  }

  private CreateTicketRequest request(String externalId, SlackMessage message, String text,
      CustomerFinder.Found customer) {
    String permalink = permalink(message);
    String body = (text.isBlank() ? "(The Slack message has no text.)" : text)
        + (permalink == null ? "" : "\n\nFrom Slack: " + permalink);
    String subject = SlackText.subject(text);
    CreateTicketRequest.Builder b = CreateTicketRequest.builder()
        .externalId(externalId)
        .customerEmail(customer.email())
        .subject(subject != null ? subject : "Slack message")
        .bodyText(body);
    if (customer.name() != null) {
      b.customerName(customer.name());
    }
    Instant sent = SlackText.instant(message.ts());
    if (sent != null) {
      b.sentAt(sent);
    }
    settings.ticketTags().forEach(b::tag);
    return b.build();
  }

  private @Nullable String permalink(SlackMessage message) {
    try {
      return slack.permalink(message.channelId(), message.ts());
    } catch (SlackException e) {
      LOG.info("No permalink for Slack message {} in {}: {}", message.ts(), message.channelId(), e.getMessage());
      return null;
    }
  }

  private Instant now() {
    return settings.clock().instant();
  }
}
