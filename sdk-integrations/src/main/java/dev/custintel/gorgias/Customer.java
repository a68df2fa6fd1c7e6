package dev.custintel.gorgias;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Gorgias customer (not to be confused with the shop's own {@code dev.custintel.core.model.Customer}).
 * Datetimes are UTC: Gorgias sends them without an offset, and the client reads them as UTC.
 *
 * @param id the Gorgias customer id
 * @param email the main email address, if any
 * @param name the full name, if any
 * @param firstName the first name, if any
 * @param lastName the last name, if any
 * @param externalId the id in a foreign system (such as the shop's customer id), if any
 * @param createdAt when the customer was created
 * @param updatedAt when the customer was last updated
 */
public record Customer(
    long id,
    @Nullable String email,
    @Nullable String name,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String externalId,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {}
