package dev.custintel.slack.internal;

import dev.custintel.slack.SlackApiException;
import dev.custintel.slack.SlackException;
import dev.custintel.slack.SlackMessage;
import dev.custintel.slack.SlackRateLimitException;
import dev.custintel.slack.SlackWebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a message by (channel, ts): the message cache first, then the messages kept in the database for work
 * ({@link MessageStore}), then {@code conversations.history} (which holds thread parents and messages outside
 * threads), then {@code conversations.replies} (thread replies; bot tokens may be refused it in channels). Both Web
 * API methods may be held back by the client-side limit; the reader then tries the other, and reports what stopped
 * it: {@link HeldBackException} when our own limiter held a method back and no method gave the message (the one
 * not tried may have it: nothing failed yet).
 * A message read from Slack is cached and kept in the database. Not API.
 */
final class MessageReader {
  private static final Logger LOG = LoggerFactory.getLogger(MessageReader.class);

  private final MessageCache cache;
  private final MessageStore store;
  private final SlackWebClient slack;
  private final HandlerSettings settings;

  MessageReader(MessageCache cache, MessageStore store, SlackWebClient slack, HandlerSettings settings) {
    this.cache = cache;
    this.store = store;
    this.slack = slack;
    this.settings = settings;
  }

  /** Our own rate limiter held a read back: try again after {@link #retryAfter()}; no attempt was made. */
  static final class HeldBackException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    HeldBackException(Duration retryAfter) {
      super("held back by the client's own rate limit for " + retryAfter.toSeconds() + " s", null, false, false);
      this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }

  /** The message could not be read; {@link #getMessage()} says why, in words for the thread. */
  static final class UnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableException(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * @throws HeldBackException if only our own rate limiter kept the message from being read
   * @throws UnreadableException if neither the cache, the database nor Slack gave the message
   */
  SlackMessage read(String channelId, String ts) {
    Optional<SlackMessage> cached = cache.get(channelId, ts);
    if (cached.isPresent()) {
      return cached.get();
    }
    Optional<SlackMessage> kept = store.find(channelId, ts, settings.clock().instant());
    if (kept.isPresent()) {
      cache.put(kept.get());
      return kept.get();
    }
    List<String> problems = new ArrayList<>();
    boolean heldBack = false;
    Duration wait = Duration.ZERO;
    for (Supplier<Optional<SlackMessage>> source : List.<Supplier<Optional<SlackMessage>>>of(
        () -> slack.historyMessage(channelId, ts), () -> slack.threadMessage(channelId, ts))) {
      try {
        Optional<SlackMessage> found = source.get();
        if (found.isPresent()) {
          cache.put(found.get());
          store.save(found.get(), settings.clock().instant().plus(settings.eventRetention()));
          return found.get();
        }
      } catch (SlackRateLimitException e) {
        problems.add(e.method() + " is rate limited" + (e.retryAfter() == null ? ""
            : " for " + Math.max(1, e.retryAfter().toSeconds()) + " s"));
        if (!e.sent()) {
          heldBack = true;
          if (e.retryAfter() != null && e.retryAfter().compareTo(wait) > 0) {
            wait = e.retryAfter();
          }
        }
      } catch (SlackApiException e) {
        problems.add(e.method() + " answered " + e.error());
      } catch (SlackException e) {
        problems.add(e.method() + " failed" + (e.status() == 0 ? "" : " with " + e.status()));
      }
    }
    if (heldBack) {
      // A method we did not call may have the message (history holds what replies does not): wait for it.
      Duration retryAfter = wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
      LOG.debug("Reading Slack message {} in {} waits {} s for the client's rate limit", ts, channelId,
          retryAfter.toSeconds());
      throw new HeldBackException(retryAfter);
    }
    String reason = problems.isEmpty() ? "Slack has no message " + ts + " in this channel"
        : String.join("; ", problems);
    LOG.info("Could not read Slack message {} in {}: {}", ts, channelId, reason);
    throw new UnreadableException(reason);
  }
}
