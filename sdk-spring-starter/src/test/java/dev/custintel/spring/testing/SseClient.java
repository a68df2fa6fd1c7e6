package dev.custintel.spring.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain server-sent events client over {@link HttpClient}: it reads the response line by line on a thread of its
 * own and parses the messages (id, event, data) and comment lines, as a browser's EventSource would.
 */
public final class SseClient implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** One message: its id, event name and data (the lines of data joined by newlines). */
  public record Message(String id, String event, String data) {}

  private final int status;
  private final String contentType;
  private final String errorBody;
  private final InputStream body;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final AtomicInteger comments = new AtomicInteger();
  private volatile boolean ended;
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) throws IOException {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("Content-Type").orElse("");
    this.body = response.body();
    if (status != 200) {
      this.errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      this.reader = null;
      this.ended = true;
      return;
    }
    this.errorBody = "";
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * @param url the stream's URL
   * @param headers request headers, such as the API key and {@code Last-Event-ID}
   * @return the connected client (its status may be an error)
   */
  public static SseClient open(String url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    headers.forEach(request::header);
    try {
      return new SseClient(HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String event = "message";
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            messages.add(new Message(id, event, data.toString()));
          }
          id = null;
          event = "message";
          data = null;
        } else if (line.startsWith(":")) {
          comments.incrementAndGet();
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> { }
          }
        }
      }
    } catch (IOException e) {
      // closed by us or by the server
    } finally {
      ended = true;
    }
  }

  /** @return the response status */
  public int status() {
    return status;
  }

  /** @return the response's Content-Type */
  public String contentType() {
    return contentType;
  }

  /** @return the body of an error response */
  public String errorBody() {
    return errorBody;
  }

  /** @return how many comment lines (heartbeats and the opening comment) have arrived */
  public int comments() {
    return comments.get();
  }

  /** @return whether the server ended the stream (or it was closed) */
  public boolean ended() {
    return ended && messages.isEmpty();
  }

  /**
   * @param timeout how long to wait
   * @return the next message, or null when none came in time
   */
  public Message next(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Takes messages until {@code n} have come or no message has come for {@code quiet}.
   *
   * @param n how many
   * @param quiet the longest wait for one message
   * @return those that came
   */
  public List<Message> take(int n, Duration quiet) throws InterruptedException {
    List<Message> out = new ArrayList<>();
    while (out.size() < n) {
      Message m = next(quiet);
      if (m == null) {
        break;
      }
      out.add(m);
    }
    return out;
  }

  /** Disconnects. */
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // gone
    }
    if (reader != null) {
      try {
        reader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
