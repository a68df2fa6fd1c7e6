package dev.custintel.spring.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A WebSocket client on the JDK's {@code java.net.http.WebSocket}: text messages in a queue, the close code. */
public final class WsClient implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final WebSocket socket;
  private final BlockingQueue<String> messages;
  private final CompletableFuture<Integer> closed;

  private WsClient(WebSocket socket, BlockingQueue<String> messages, CompletableFuture<Integer> closed) {
    this.socket = socket;
    this.messages = messages;
    this.closed = closed;
  }

  /**
   * Opens a socket; a refused handshake throws.
   *
   * @param url such as {@code ws://127.0.0.1:8080/ws/dashboard}
   * @param headers handshake headers
   * @return the open client
   * @throws HandshakeRefused with the status when the server refuses the handshake
   */
  public static WsClient open(String url, Map<String, String> headers) {
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          messages.add(partial.toString());
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
      }
    };
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    headers.forEach(builder::header);
    try {
      WebSocket socket = builder.buildAsync(URI.create(url), listener).get(20, TimeUnit.SECONDS);
      return new WsClient(socket, messages, closed);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WebSocketHandshakeException refused) {
        throw new HandshakeRefused(refused.getResponse().statusCode());
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param timeout how long to wait
   * @return the next text message, or null when none came in time
   * @throws InterruptedException when interrupted
   */
  public String next(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** @return every message received and not taken yet */
  public List<String> drain() {
    List<String> out = new ArrayList<>();
    messages.drainTo(out);
    return out;
  }

  /**
   * @param timeout how long to wait
   * @return the close code the server sent, or null when the socket did not close in time
   * @throws InterruptedException when interrupted
   */
  public Integer closeCode(Duration timeout) throws InterruptedException {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("The socket failed", e.getCause());
    } catch (TimeoutException e) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      if (!socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
      }
      closed.get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // closing anyway
    } finally {
      socket.abort();
    }
  }

  /** The server answered the handshake with this status instead of 101. */
  public static final class HandshakeRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HandshakeRefused(int status) {
      super("Handshake refused: " + status);
      this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
      return status;
    }
  }
}
