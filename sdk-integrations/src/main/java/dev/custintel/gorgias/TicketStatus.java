package dev.custintel.gorgias;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Status of a Gorgias ticket. The API documents the field as an enum without listing its values; {@code open} and
 * {@code closed} are the ones its examples and events use. Any other value reads as {@link #UNKNOWN}.
 */
public enum TicketStatus {
  /** Waiting for an agent. */
  OPEN("open"),
  /** Done; a new customer message reopens it. */
  CLOSED("closed"),
  /** A value this client does not know; never sent. */
  UNKNOWN("unknown");

  private final String wireName;

  TicketStatus(String wireName) {
    this.wireName = wireName;
  }

  /** @return the value as the API spells it, such as {@code "closed"} */
  public String wireName() {
    return wireName;
  }

  /**
   * @param value the API's value, any case; may be null
   * @return the status, or {@link #UNKNOWN} for null and for values this client does not know
   */
  public static TicketStatus fromWire(@Nullable String value) {
    if (value == null) {
      return UNKNOWN;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "open" -> OPEN;
      case "closed" -> CLOSED;
      default -> UNKNOWN;
    };
  }
}
