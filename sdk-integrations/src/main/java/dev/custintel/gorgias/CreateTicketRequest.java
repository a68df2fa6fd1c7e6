package dev.custintel.gorgias;

import dev.custintel.integrations.internal.http.Args;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A new ticket holding one incoming customer message, sent the way Gorgias's tutorial creates API tickets:
 * ticket and message on channel {@code api}, via {@code api}, not from an agent, the sender named by email. On
 * the API channel Gorgias's auto-reply rules do not fire.
 *
 * <p>The external id is required: it is how the client makes a retried create safe (after a failure whose outcome
 * is unknown, it looks the ticket up by external id before sending again), and how callers find the ticket later.
 * Use an id from your own system, such as {@code "slack:C024BE91L:1712345678.000200"}.
 *
 * <pre>{@code
 * CreateTicketRequest r = CreateTicketRequest.builder()
 *     .externalId("order-1001-return")
 *     .customerEmail("ada@example.com")
 *     .subject("Return for order 1001")
 *     .bodyText("The parcel arrived damaged.")
 *     .tag("returns")
 *     .build();
 * }</pre>
 *
 * @param externalId the ticket's id in your system, 1 to 255 characters
 * @param customerEmail the customer's email: the message's sender, whom Gorgias makes the ticket's customer (and
 *     creates if the account has no customer with that address)
 * @param customerName the sender's name; null to leave it out
 * @param subject the subject; null for none (the API documents no length limit)
 * @param bodyText the message as plain text, not blank
 * @param bodyHtml the message as HTML; null to let Gorgias use the text
 * @param tags tag names to put on the ticket (case-sensitive, each 1 to 256 characters)
 * @param sentAt when the customer sent the message; null for the client clock's now. Gorgias tries to send a
 *     message that has no sent time, so the client always sets one: this is an incoming message, not one to
 *     deliver.
 */
public record CreateTicketRequest(
    String externalId,
    String customerEmail,
    @Nullable String customerName,
    @Nullable String subject,
    String bodyText,
    @Nullable String bodyHtml,
    List<String> tags,
    @Nullable Instant sentAt) {

  /** Longest message body accepted, in characters: a guard against sending megabytes by mistake. */
  public static final int MAX_BODY_LENGTH = 1_000_000;

  /** Validates the request and copies the tags. */
  public CreateTicketRequest {
    Args.text(externalId, "externalId", Args.MAX_EXTERNAL_ID_LENGTH);
    Args.email(customerEmail, "customerEmail");
    if (customerName != null) {
      Args.text(customerName, "customerName", 255);
    }
    if (subject != null) {
      Args.text(subject, "subject", Integer.MAX_VALUE);
    }
    Args.text(bodyText, "bodyText", MAX_BODY_LENGTH);
    if (bodyHtml != null) {
      Args.text(bodyHtml, "bodyHtml", MAX_BODY_LENGTH);
    }
    Args.notNull(tags, "tags");
    for (String tag : tags) {
      Args.text(tag, "tags", Args.MAX_TAG_LENGTH);
    }
    tags = List.copyOf(new LinkedHashSet<>(tags));
  }

  /** @return an empty builder */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CreateTicketRequest}; {@link #build()} checks the required fields. */
  public static final class Builder {
    private @Nullable String externalId;
    private @Nullable String customerEmail;
    private @Nullable String customerName;
    private @Nullable String subject;
    private @Nullable String bodyText;
    private @Nullable String bodyHtml;
    private final List<String> tags = new ArrayList<>();
    private @Nullable Instant sentAt;

    private Builder() {}

    /**
     * @param value the ticket's id in your system, 1 to 255 characters (required)
     * @return this builder
     */
    public Builder externalId(String value) {
      this.externalId = value;
      return this;
    }

    /**
     * @param value the customer's email address (required)
     * @return this builder
     */
    public Builder customerEmail(String value) {
      this.customerEmail = value;
      return this;
    }

    /**
     * @param value the customer's name, if Gorgias has to create the customer
     * @return this builder
     */
    public Builder customerName(String value) {
      this.customerName = value;
      return this;
    }

    /**
     * @param value the subject
     * @return this builder
     */
    public Builder subject(String value) {
      this.subject = value;
      return this;
    }

    /**
     * @param value the message as plain text (required, not blank)
     * @return this builder
     */
    public Builder bodyText(String value) {
      this.bodyText = value;
      return this;
    }

    /**
     * @param value the message as HTML
     * @return this builder
     */
    public Builder bodyHtml(String value) {
      this.bodyHtml = value;
      return this;
    }

    /**
     * @param value a tag name to add (case-sensitive); call again for more
     * @return this builder
     */
    public Builder tag(String value) {
      tags.add(value);
      return this;
    }

    /**
     * @param value when the customer sent the message; default: the client clock's now
     * @return this builder
     */
    public Builder sentAt(Instant value) {
      this.sentAt = Args.notNull(value, "sentAt");
      return this;
    }

    /** @return the request */
    public CreateTicketRequest build() {
      return new CreateTicketRequest(
          Args.required(externalId, "externalId"),
          Args.required(customerEmail, "customerEmail"),
          customerName,
          subject,
          Args.required(bodyText, "bodyText"),
          bodyHtml,
          tags,
          sentAt);
    }
  }
}
