package dev.custintel.spring.internal.slack;

import dev.custintel.slack.SlackEventsHandler;
import dev.custintel.slack.SlackRequest;
import dev.custintel.slack.SlackResponse;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mounts the framework-neutral {@link SlackEventsHandler} at {@code POST /slack/events}: the raw body bytes (read
 * from the request's stream, never through a message converter, since the signature covers the exact bytes) and
 * the headers go in unchanged; the handler's status, content type and body come out. Bodies over 1 MiB (Slack's
 * event bodies are a few kilobytes) are refused with 413 before the handler sees them. Left out of the OpenAPI
 * document: Slack calls it, not the API's clients.
 */
@RestController
@Hidden
public final class SlackEventsController {
  /** The path Slack posts events to: the app's Request URL. */
  public static final String PATH = "/slack/events";
  /** The largest body passed to the handler, in bytes. */
  static final int MAX_BODY = 1 << 20;

  private final SlackEventsHandler handler;

  /** @param handler the events handler */
  public SlackEventsController(SlackEventsHandler handler) {
    this.handler = handler;
  }

  /**
   * @param request the servlet request, for its raw body and headers
   * @return the handler's answer, or 413 for a body over the limit
   * @throws IOException if the body cannot be read (the client went away)
   */
  @PostMapping(PATH)
  public ResponseEntity<byte[]> events(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY) {
      return tooLarge();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      return tooLarge();
    }
    return send(handler.handle(SlackRequest.of(body, headers(request))));
  }

  /** Every header with all its values, names as the container gives them ({@link SlackRequest} lower-cases them). */
  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }

  /** The container discards what the client still sends; closing the connection keeps it from reading more. */
  private static ResponseEntity<byte[]> tooLarge() {
    return ResponseEntity.status(413).header(HttpHeaders.CONNECTION, "close")
        .header(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(("body too large (at most " + MAX_BODY + " bytes)").getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<byte[]> send(SlackResponse response) {
    return ResponseEntity.status(response.status()).header(HttpHeaders.CONTENT_TYPE, response.contentType())
        .body(response.body().getBytes(StandardCharsets.UTF_8));
  }
}
