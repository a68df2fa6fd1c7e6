package dev.custintel.spring.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.custintel.spring.internal.security.ApiKeyFilter.KeyPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * One-use tickets that let a browser open the dashboard socket: a browser cannot send {@code X-API-Key} on a
 * WebSocket handshake, and a key in the URL would end in access logs. A page holding a key asks {@code POST
 * /api/dashboard/tickets} for a ticket, then opens {@code /ws/dashboard?ticket=...} within {@link #TTL}; the ticket
 * stands for the key that asked for it, once. A ticket in a log is worthless: used, or expired. Thread-safe. Not
 * API.
 */
public final class DashboardTickets {
  /** How long a ticket may wait for its handshake. */
  public static final Duration TTL = Duration.ofSeconds(30);
  /** The query parameter of the handshake that carries the ticket. */
  public static final String PARAMETER = "ticket";

  private final SecureRandom random = new SecureRandom();
  private final Cache<String, KeyPrincipal> open = Caffeine.newBuilder()
      .expireAfterWrite(TTL).maximumSize(100_000).build();

  /**
   * @param holder the key that asks
   * @return a new ticket for it: 32 random bytes, base64url
   */
  public String issue(KeyPrincipal holder) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    open.put(ticket, holder);
    return ticket;
  }

  /**
   * @param ticket a presented ticket
   * @return the key it was issued to, once; empty when unknown, used or expired
   */
  public Optional<KeyPrincipal> redeem(String ticket) {
    if (ticket.length() > 100) {
      return Optional.empty();
    }
    return Optional.ofNullable(open.asMap().remove(ticket));
  }
}
