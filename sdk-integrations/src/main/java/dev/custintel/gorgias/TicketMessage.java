package dev.custintel.gorgias;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message of a ticket. Datetimes are UTC (Gorgias sends them without an offset; the client reads them as
 * UTC).
 *
 * @param id the message id
 * @param ticketId the ticket it belongs to
 * @param externalId the id in a foreign system, if any
 * @param channel the channel, such as {@code "api"}, {@code "email"} or {@code "internal-note"}
 * @param via how it was received or sent, such as {@code "api"}
 * @param fromAgent whether the shop's side wrote it (false for customer messages)
 * @param isPublic whether the customer can see it (internal notes are not public)
 * @param sender who wrote it, if the API says
 * @param receiver to whom, if the API says
 * @param subject the subject, if any
 * @param bodyText the plain-text body, if any
 * @param bodyHtml the HTML body, if any
 * @param createdAt when it was created
 * @param sentAt when it was sent; null if not (yet)
 * @param failedAt when sending failed; null if it did not
 */
public record TicketMessage(
    long id,
    long ticketId,
    @Nullable String externalId,
    @Nullable String channel,
    @Nullable String via,
    boolean fromAgent,
    boolean isPublic,
    @Nullable Participant sender,
    @Nullable Participant receiver,
    @Nullable String subject,
    @Nullable String bodyText,
    @Nullable String bodyHtml,
    @Nullable Instant createdAt,
    @Nullable Instant sentAt,
    @Nullable Instant failedAt) {}
