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
  private final MessageStore messages;

  TicketCreation(HandlerSettings settings, TicketLinks links, MessageReader reader, CustomerFinder customers,
      Replier replier, MessageStore messages) {
    this.settings = settings;
    this.links = links;
    this.messages = messages;
    this.reader = reader;
    this.customers = customers;
    this.gorgias = settings.gorgias();
    this.slack = settings.slack();
    this.replier = replier;
  }

  static String externalId(String channelId, String messageTs) {
    return "slack:" + channelId + ":" + messageTs;
  }

  /**
   * A ticket reaction on a message: create its ticket, or point to the one it has. The message is read before the
   * link is claimed, so a read that our own rate limiter holds back costs no attempt.
   *
   * @param workId the work item (the event id) this is a run of; a later run of the same item takes over its own
   *     PENDING claim at once, looking the ticket up by external id first, so a crash never makes a second ticket
   * @throws MessageReader.HeldBackException if the message cannot be read yet: nothing was claimed or written
   */
  void onReaction(String channelId, String messageTs, String workId) {
    Optional<TicketLink> known = links.find(channelId, messageTs);
    if (known.isPresent() && known.get().status() == TicketLinkStatus.LINKED) {
      replyExisting(known.get(), messageTs);
      return;
    }
    Instant now = settings.clock().instant();
    Instant staleBefore = now.minus(settings.claimTimeout());
    // A fresh claim is another attempt's (nothing to read for), or this item's own from a run that died.
    boolean freshClaim = known.isPresent() && known.get().status() == TicketLinkStatus.PENDING
        && !known.get().updatedAt().isBefore(staleBefore);
    Read read = freshClaim ? null : read(channelId, messageTs);
    TicketLinks.Claim claim = links.claim(channelId, messageTs, externalId(channelId, messageTs), workId, now,
        staleBefore);
    switch (claim.kind()) {
      case OWNED -> {
        Read message = read != null ? read : read(channelId, messageTs);
        if (message.message() != null) {
          attempt(channelId, messageTs, claim.attempt(), message.message(), true);
        } else {
          unreadable(channelId, messageTs, claim.attempt(), String.valueOf(message.problem()), true);
        }
      }
      case LINKED -> replyExisting(claim.link(), messageTs);
      case BUSY -> LOG.debug("Ticket for Slack message {} in {} is being created by another attempt", messageTs,
          channelId);
    }
  }

  /** The message, or why it could not be read. */
  private record Read(@Nullable SlackMessage message, @Nullable String problem) {}

  /** @throws MessageReader.HeldBackException if only our own rate limiter kept the message from being read */
  private Read read(String channelId, String messageTs) {
    try {
      return new Read(reader.read(channelId, messageTs), null);
    } catch (MessageReader.HeldBackException e) {
      throw e;
    } catch (MessageReader.UnreadableException e) {
      return new Read(null, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Tries a failed or stale link again; replies in the thread only on success. A message our own rate limiter
   * cannot read yet is left as it is, its attempts uncounted ({@link Outcome#SKIPPED}).
   */
  Outcome retry(TicketLink link) {
    Read read;
    try {
      read = read(link.channelId(), link.messageTs());
    } catch (MessageReader.HeldBackException e) {
      return Outcome.SKIPPED;
    }
    Instant now = settings.clock().instant();
    Integer attempt = links.takeOver(link.channelId(), link.messageTs(), link.attempts(), "", now,
        now.minus(settings.claimTimeout()));
    if (attempt == null) {
      return Outcome.SKIPPED;
    }
    if (read.message() == null) {
      return unreadable(link.channelId(), link.messageTs(), attempt, String.valueOf(read.problem()), false);
    }
    return attempt(link.channelId(), link.messageTs(), attempt, read.message(), false);
  }

  private void replyExisting(@Nullable TicketLink link, String messageTs) {
    if (link == null || link.ticketId() == null) {
      return;
    }
    String thread = link.threadTs() != null ? link.threadTs() : messageTs;
    replier.reply(link.channelId(), thread, Replies.existing(link.ticketId(), link.ticketUrl()));
  }

  private Outcome unreadable(String channelId, String messageTs, int attempt, String reason, boolean reply) {
    links.failed(channelId, messageTs, attempt, null, "Could not read the message: " + reason, now());
    if (reply) {
      replier.reply(channelId, messageTs, Replies.unreadable(reason, settings.ticketReactionHint()));
    }
    return Outcome.FAILED;
  }

  private Outcome attempt(String channelId, String messageTs, int attempt, SlackMessage message,
      boolean replyOnFailure) {
    String reaction = settings.ticketReactionHint();
    String thread = message.replyThreadTs();
    String text = SlackText.plain(message.text());
    try {
      Optional<CustomerFinder.Found> customer = customers.find(text);
      if (customer.isEmpty()) {
        links.release(channelId, messageTs, attempt);
        forget(channelId, messageTs);
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
      forget(channelId, messageTs);
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

  /** The ticket has the text now: the kept copy is not needed; failing to delete it only leaves it to expire. */
  private void forget(String channelId, String messageTs) {
    try {
      messages.delete(channelId, messageTs);
    } catch (RuntimeException e) {
      LOG.debug("Could not delete the kept copy of Slack message {} in {}: {}", messageTs, channelId,
          e.getMessage());
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
