package dev.custintel.gorgias;

import dev.custintel.core.InvalidInputException;
import dev.custintel.integrations.internal.http.Args;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which tickets to list, and how. Filters combine with AND.
 *
 * <p>Gorgias filters by customer, view and external id itself. It cannot filter tickets by status or by tag, so
 * the client drops non-matching tickets from each page it reads: a {@link GorgiasClient#listTickets page} may then
 * hold fewer than {@code limit} tickets, even none, while a next page exists, and every page still costs one
 * request. To have Gorgias filter by status or tag, make a view that does and pass its {@link #viewId}.
 *
 * <pre>{@code
 * TicketQuery q = TicketQuery.builder().customerId(42).status(TicketStatus.OPEN).limit(100).build();
 * gorgias.streamTickets(q).forEach(t -> ...);
 * }</pre>
 *
 * @param status only tickets with this status (filtered by the client); null for any
 * @param customerId only this Gorgias customer's tickets; null for any
 * @param viewId only the tickets of this Gorgias view; null for none
 * @param externalId only tickets with this external id; null for any
 * @param tags only tickets carrying every one of these tags (case-sensitive; filtered by the client); empty for
 *     any
 * @param order sort order; null for the API's default (newest created first)
 * @param limit page size, 1 to 100 (the API's default is 30; the builder's too)
 * @param cursor where to start: a page's {@link GorgiasPage#nextCursor()}; null for the first page
 */
public record TicketQuery(
    @Nullable TicketStatus status,
    @Nullable Long customerId,
    @Nullable Long viewId,
    @Nullable String externalId,
    Set<String> tags,
    @Nullable TicketOrder order,
    int limit,
    @Nullable String cursor) {

  /** Largest page the API serves. */
  public static final int MAX_LIMIT = 100;
  /** Page size when none is given, as the API's. */
  public static final int DEFAULT_LIMIT = 30;

  /** Validates the query and copies the tags. */
  public TicketQuery {
    if (status == TicketStatus.UNKNOWN) {
      throw InvalidInputException.argument("status", "must be OPEN or CLOSED (was UNKNOWN)");
    }
    if (customerId != null) {
      Args.id(customerId, "customerId");
    }
    if (viewId != null) {
      Args.id(viewId, "viewId");
    }
    if (externalId != null) {
      Args.text(externalId, "externalId", Args.MAX_EXTERNAL_ID_LENGTH);
    }
    Args.notNull(tags, "tags");
    for (String tag : tags) {
      Args.text(tag, "tags", Args.MAX_TAG_LENGTH);
    }
    tags = Set.copyOf(tags);
    Args.between(limit, 1, MAX_LIMIT, "limit");
    if (cursor != null && cursor.isBlank()) {
      throw InvalidInputException.argument("cursor", "must not be blank (pass null for the first page)");
    }
  }

  /** @return every ticket, newest first, 30 a page */
  public static TicketQuery all() {
    return builder().build();
  }

  /** @return a builder: every ticket, the API's order, 30 a page */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param value a page's next cursor, or null for the first page
   * @return the same query starting at that cursor
   */
  public TicketQuery withCursor(@Nullable String value) {
    return new TicketQuery(status, customerId, viewId, externalId, tags, order, limit, value);
  }

  /** @return whether the client must drop tickets the API returns (status or tag filters) */
  public boolean filtersOnClient() {
    return status != null || !tags.isEmpty();
  }

  /**
   * @param ticket a ticket the API returned
   * @return whether it passes the filters the API cannot apply
   */
  public boolean matches(Ticket ticket) {
    return (status == null || ticket.status() == status) && ticket.tags().containsAll(tags);
  }

  /** Builds a {@link TicketQuery}; each method checks its value at once. */
  public static final class Builder {
    private @Nullable TicketStatus status;
    private @Nullable Long customerId;
    private @Nullable Long viewId;
    private @Nullable String externalId;
    private final Set<String> tags = new LinkedHashSet<>();
    private @Nullable TicketOrder order;
    private int limit = DEFAULT_LIMIT;
    private @Nullable String cursor;

    private Builder() {}

    /**
     * @param value only tickets with this status (OPEN or CLOSED; filtered by the client)
     * @return this builder
     */
    public Builder status(TicketStatus value) {
      this.status = Args.notNull(value, "status");
      return this;
    }

    /**
     * @param value only this Gorgias customer's tickets (a positive id)
     * @return this builder
     */
    public Builder customerId(long value) {
      this.customerId = Args.id(value, "customerId");
      return this;
    }

    /**
     * @param value only the tickets of this view (a positive id)
     * @return this builder
     */
    public Builder viewId(long value) {
      this.viewId = Args.id(value, "viewId");
      return this;
    }

    /**
     * @param value only tickets with this external id (1 to 255 characters)
     * @return this builder
     */
    public Builder externalId(String value) {
      this.externalId = Args.text(value, "externalId", Args.MAX_EXTERNAL_ID_LENGTH);
      return this;
    }

    /**
     * @param value only tickets carrying this tag (case-sensitive; filtered by the client); call again to
     *     require more tags
     * @return this builder
     */
    public Builder tag(String value) {
      tags.add(Args.text(value, "tags", Args.MAX_TAG_LENGTH));
      return this;
    }

    /**
     * @param value sort order
     * @return this builder
     */
    public Builder order(TicketOrder value) {
      this.order = Args.notNull(value, "order");
      return this;
    }

    /**
     * @param value page size, 1 to 100
     * @return this builder
     */
    public Builder limit(int value) {
      this.limit = Args.between(value, 1, MAX_LIMIT, "limit");
      return this;
    }

    /**
     * @param value a page's next cursor, or null for the first page
     * @return this builder
     */
    public Builder cursor(@Nullable String value) {
      this.cursor = value;
      return this;
    }

    /** @return the query */
    public TicketQuery build() {
      return new TicketQuery(status, customerId, viewId, externalId, tags, order, limit, cursor);
    }
  }
}
