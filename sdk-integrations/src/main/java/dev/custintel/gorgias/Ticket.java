package dev.custintel.gorgias;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Gorgias ticket, without its messages (see {@link TicketThread}). Datetimes are UTC: Gorgias sends them
 * without an offset (such as {@code 2019-07-05T14:42:00.384938}), and the client reads them as UTC.
 *
 * @param id the ticket id
 * @param externalId the id in a foreign system, as given at creation; null if none
 * @param status open, closed, or {@link TicketStatus#UNKNOWN}
 * @param channel the channel that started the conversation, such as {@code "api"} or {@code "email"}
 * @param via how the first message arrived, such as {@code "api"}
 * @param subject the subject, if any
 * @param customer the customer, if the ticket has one (only the fields the ticket embeds are set)
 * @param tags the tag names (case-sensitive)
 * @param spam whether Gorgias considers the ticket spam
 * @param createdAt when the ticket was created
 * @param updatedAt when the ticket was last updated
 * @param openedAt when an agent first opened it
 * @param closedAt when it was closed; null while open
 * @param lastMessageAt when the last message was sent
 * @param lastReceivedMessageAt when the customer's last message was received
 */
public record Ticket(
    long id,
    @Nullable String externalId,
    TicketStatus status,
    @Nullable String channel,
    @Nullable String via,
    @Nullable String subject,
    @Nullable Customer customer,
    List<String> tags,
    boolean spam,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    @Nullable Instant openedAt,
    @Nullable Instant closedAt,
    @Nullable Instant lastMessageAt,
    @Nullable Instant lastReceivedMessageAt) {

  /** Copies the tags. */
  public Ticket {
    tags = List.copyOf(tags);
  }
}
