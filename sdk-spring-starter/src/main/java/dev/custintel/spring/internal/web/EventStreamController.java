package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.events.EventType;
import dev.custintel.core.InvalidInputException;
import dev.custintel.spring.internal.events.EventBroadcaster;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.custintel.spring.internal.security.ApiKeyFilter.KeyPrincipal;
import dev.custintel.spring.internal.security.KeyRevocations;
import java.io.IOException;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The customer event log as server-sent events, resumable with {@code Last-Event-ID}. */
@RestController
@Tag(name = "events", description = "Customer events as a server-sent event stream")
public final class EventStreamController {
  private final CustomerIntelligence ci;
  private final EventBroadcaster broadcaster;
  private final @Nullable KeyRevocations revocations;

  /**
   * @param ci the facade
   * @param broadcaster the shared poller and the clients' queues
   * @param revocations ends the streams of keys revoked while they are open, or null when the API is open
   */
  public EventStreamController(
      CustomerIntelligence ci, EventBroadcaster broadcaster, @Nullable KeyRevocations revocations) {
    this.ci = ci;
    this.broadcaster = broadcaster;
    this.revocations = revocations;
  }

  /** @return the stream: every matching event after the resume point, then new ones as they are written */
  @GetMapping(path = "${custintel.api.base-path:/api}/events/stream", produces = "text/event-stream")
  @Operation(summary = "Customer events as server-sent events (id: event id, event: wire type, data: the event's "
      + "JSON). Resumes after Last-Event-ID, else after 'after', else from the newest event at connect time; "
      + "a heartbeat comment every 15 s")
  public SseEmitter stream(
      @RequestParam(name = "type", required = false) @Nullable List<String> type,
      @RequestParam(name = "customer", required = false) @Nullable String customer,
      @RequestParam(name = "after", required = false) @Nullable String after,
      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
      @Nullable Principal principal) throws IOException {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    if (type != null) {
      for (String t : type) {
        for (String one : t.split(",", -1)) {
          types.add(EventType.fromWireName(one));
        }
      }
    }
    if (customer != null && customer.isBlank()) {
      throw InvalidInputException.argument("customer", "must not be blank (leave it out for every customer)");
    }
    long start;
    if (lastEventId != null && !lastEventId.isBlank()) {
      start = id("Last-Event-ID", lastEventId);
    } else if (after != null) {
      start = id("after", after);
    } else {
      start = ci.events().latestId();
    }
    SseEmitter emitter = new SseEmitter(0L);
    // Sent at once, so that the client sees the response's headers before the first event.
    emitter.send(SseEmitter.event().comment("custintel events after " + start));
    KeyRevocations watcher = revocations;
    Optional<KeyPrincipal> key = watcher == null ? Optional.empty() : KeyRevocations.keyOf(principal);
    if (watcher == null || key.isEmpty()) {
      broadcaster.subscribe(emitter, start, types, customer);
      return emitter;
    }
    // The stream is ended when its key is revoked; the watch ends with the stream.
    StreamWatch watch = new StreamWatch();
    Runnable end = broadcaster.subscribe(emitter, start, types, customer, watch::close);
    watch.set(watcher.watch(key.get(), end::run));
    return emitter;
  }

  private static long id(String name, String value) {
    try {
      long id = Long.parseLong(value.trim());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw InvalidInputException.argument(name, "must be an event id, a whole number 0 or more (was '" + value + "')");
  }

  /** A stream's watch, closed with the stream, even when the stream ends before the watch is set. */
  private static final class StreamWatch {
    private KeyRevocations.@Nullable Watch watch;
    private boolean closed;

    synchronized void set(KeyRevocations.Watch w) {
      watch = w;
      if (closed) {
        w.close();
      }
    }

    synchronized void close() {
      closed = true;
      if (watch != null) {
        watch.close();
      }
    }
  }
}
