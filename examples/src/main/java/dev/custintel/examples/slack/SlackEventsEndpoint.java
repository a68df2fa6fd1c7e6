package dev.custintel.examples.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.custintel.slack.SlackEventsHandler;
import dev.custintel.slack.SlackRequest;
import dev.custintel.slack.SlackResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Mounts the framework-neutral {@link SlackEventsHandler} on the JDK's HTTP server: the raw body and the headers
 * go in, the handler's status and body come out. The whole adapter a host needs.
 */
final class SlackEventsEndpoint implements HttpHandler {
  /** Slack's event bodies are a few kilobytes; refuse anything far larger. */
  static final int MAX_BODY = 1 << 20;
  /**
   * How much of a refused body is read and thrown away before the 413, so that the client, still sending, reads the
   * answer instead of a connection reset (closing a socket with unread data resets it).
   */
  static final long MAX_DRAIN = 64L << 20;

  private final SlackEventsHandler handler;

  SlackEventsEndpoint(SlackEventsHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        send(exchange, SlackResponse.text(405, "POST only"));
        return;
      }
      byte[] body = new byte[0];
      boolean refused = declaredTooLarge(exchange);
      try (InputStream in = exchange.getRequestBody()) {
        if (!refused) {
          body = in.readNBytes(MAX_BODY + 1);
          refused = body.length > MAX_BODY;
        }
        if (refused) {
          drain(in);
        }
      }
      if (refused) {
        exchange.getResponseHeaders().set("Connection", "close");
        send(exchange, SlackResponse.text(413, "body too large (at most " + MAX_BODY + " bytes)"));
        return;
      }
      send(exchange, handler.handle(SlackRequest.of(body, exchange.getRequestHeaders())));
    }
  }

  /** Reads the rest of a refused body, up to {@link #MAX_DRAIN}, and drops it. */
  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long drained = 0;
    int n;
    while (drained < MAX_DRAIN && (n = in.read(buffer)) >= 0) {
      drained += n;
    }
  }

  /** @return whether the declared length is already over the limit (the body is then only drained) */
  private static boolean declaredTooLarge(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length == null) {
      return false;
    }
    try {
      return Long.parseLong(length.strip()) > MAX_BODY;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void send(HttpExchange exchange, SlackResponse response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
