package dev.custintel.gorgias;

import java.util.List;

/**
 * A ticket with all its messages.
 *
 * @param ticket the ticket
 * @param messages every message, oldest first
 */
public record TicketThread(Ticket ticket, List<TicketMessage> messages) {

  /** Copies the messages. */
  public TicketThread {
    messages = List.copyOf(messages);
  }
}
