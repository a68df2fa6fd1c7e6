package dev.custintel.spring.internal.dashboard;

import dev.custintel.spring.internal.security.KeyRevocations;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The {@code /ws/dashboard} endpoint: sessions join the broadcaster when they open and leave when they close. The
 * socket only sends; what a client sends is ignored. The handshake is authenticated before it gets here, by the API
 * security chain ({@code X-API-Key} with the {@code read} scope); a session whose key is revoked later is closed
 * with 1008 (policy violation, "API key revoked") at the next check of {@link KeyRevocations}.
 */
public final class DashboardSocketHandler extends TextWebSocketHandler {
  /** The close status of a session whose key was revoked (1008, policy violation). */
  static final CloseStatus KEY_REVOKED = CloseStatus.POLICY_VIOLATION.withReason("API key revoked");
  private static final String WATCH = DashboardSocketHandler.class.getName() + ".watch";

  private final DashboardBroadcaster broadcaster;
  private final @Nullable KeyRevocations revocations;

  /**
   * @param broadcaster the one computation shared by every session
   * @param revocations closes the sessions of keys revoked while they are open, or null when the API is open
   */
  public DashboardSocketHandler(DashboardBroadcaster broadcaster, @Nullable KeyRevocations revocations) {
    this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
    this.revocations = revocations;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    KeyRevocations watcher = revocations;
    if (watcher != null) {
      KeyRevocations.keyOf(session.getPrincipal()).ifPresent(key -> session.getAttributes().put(WATCH,
          watcher.watch(key, () -> {
            broadcaster.leave(session);
            try {
              session.close(KEY_REVOKED);
            } catch (IOException | RuntimeException e) {
              // gone already
            }
          })));
    }
    broadcaster.join(session);
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    // Nothing to do: the dashboard is one-way.
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    broadcaster.leave(session);
    unwatch(session);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    broadcaster.leave(session);
    unwatch(session);
  }

  private static void unwatch(WebSocketSession session) {
    if (session.getAttributes().remove(WATCH) instanceof KeyRevocations.Watch watch) {
      watch.close();
    }
  }
}
