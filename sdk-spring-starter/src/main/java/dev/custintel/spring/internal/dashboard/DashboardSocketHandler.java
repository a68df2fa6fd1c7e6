package dev.custintel.spring.internal.dashboard;

import java.util.Objects;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The {@code /ws/dashboard} endpoint: sessions join the broadcaster when they open and leave when they close. The
 * socket only sends; what a client sends is ignored. The handshake is authenticated before it gets here, by the API
 * security chain ({@code X-API-Key} with the {@code read} scope).
 */
public final class DashboardSocketHandler extends TextWebSocketHandler {
  private final DashboardBroadcaster broadcaster;

  /** @param broadcaster the one computation shared by every session */
  public DashboardSocketHandler(DashboardBroadcaster broadcaster) {
    this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    broadcaster.join(session);
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    // Nothing to do: the dashboard is one-way.
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    broadcaster.leave(session);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    broadcaster.leave(session);
  }
}
