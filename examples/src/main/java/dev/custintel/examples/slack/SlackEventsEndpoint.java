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
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        send(exchange, SlackResponse.text(413, "body too large"));
        return;
      }
      send(exchange, handler.handle(SlackRequest.of(body, exchange.getRequestHeaders())));
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
