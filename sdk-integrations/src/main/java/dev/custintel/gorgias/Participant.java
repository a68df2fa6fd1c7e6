package dev.custintel.gorgias;

import org.jspecify.annotations.Nullable;

/**
 * The sender or receiver of a message: a customer or an agent, as the message names them.
 *
 * @param id the Gorgias user or customer id; null when the API sent none
 * @param email the email address, if any
 * @param name the display name, if any
 */
public record Participant(@Nullable Long id, @Nullable String email, @Nullable String name) {}
