package dev.custintel.slack;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The Gorgias ticket of one Slack message, as stored.
 *
 * @param channelId the message's channel
 * @param messageTs the message's ts
 * @param threadTs the thread replies go to; null until the message was read
 * @param status where the ticket stands
 * @param externalId the ticket's external id in Gorgias, {@code slack:<channel>:<ts>}
 * @param ticketId the Gorgias ticket id once linked; null before
 * @param ticketUrl the ticket's address in Gorgias's web app, if the handler knows how to make it
 * @param attempts attempts started to create the ticket, at least 1
 * @param lastError a summary of the last failure, without secrets; null after success
 * @param createdAt when the first attempt started
 * @param updatedAt when the link last changed
 * @param linkedAt when the ticket was linked; null before
 * @param closedAt when a close reaction closed the ticket; null if none did
 */
public record TicketLink(
    String channelId,
    String messageTs,
    @Nullable String threadTs,
    TicketLinkStatus status,
    String externalId,
    @Nullable Long ticketId,
    @Nullable String ticketUrl,
    int attempts,
    @Nullable String lastError,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant linkedAt,
    @Nullable Instant closedAt) {}
