package dev.custintel.spring.internal.security;

import dev.custintel.spring.internal.security.ApiKeyFilter.KeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/dashboard/tickets}: a one-use ticket for the dashboard socket's handshake, standing for the key
 * that asked (see {@link DashboardTickets}). With security off the socket is open and the ticket is not checked.
 * Not API.
 */
@RestController
@Tag(name = "dashboard", description = "Tickets with which a browser opens the dashboard socket")
public final class DashboardTicketController {
  /** The holder of tickets asked for while security is off. */
  private static final KeyPrincipal OPEN = new KeyPrincipal("open", "security disabled", List.of("read"));

  private final DashboardTickets tickets;

  /** @param tickets the tickets */
  public DashboardTicketController(DashboardTickets tickets) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
  }

  /** @return {@code {"ticket": "...", "expiresInSeconds": 30}} */
  @PostMapping(path = "${custintel.api.base-path:/api}/dashboard/tickets", produces = "application/json")
  @Operation(summary = "A one-use ticket, valid 30 s, to open /ws/dashboard?ticket=... from a browser (which cannot "
      + "send X-API-Key on a WebSocket handshake)")
  public Map<String, Object> ticket() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    KeyPrincipal holder = auth != null && auth.getPrincipal() instanceof KeyPrincipal k ? k : OPEN;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ticket", tickets.issue(holder));
    body.put("expiresInSeconds", DashboardTickets.TTL.toSeconds());
    return body;
  }
}
