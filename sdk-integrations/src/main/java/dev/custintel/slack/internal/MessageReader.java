package dev.custintel.slack.internal;

import dev.custintel.slack.SlackApiException;
import dev.custintel.slack.SlackException;
import dev.custintel.slack.SlackMessage;
import dev.custintel.slack.SlackRateLimitException;
import dev.custintel.slack.SlackWebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a message by (channel, ts): the message cache first, then {@code conversations.history} (which holds
 * thread parents and messages outside threads), then {@code conversations.replies} (thread replies; bot tokens
 * may be refused it in channels). Both Web API methods may be held back by the client-side limit; the reader then
 * tries the other, and reports what stopped it. A message read from Slack is cached. Not API.
 */
final class MessageReader {
  private static final Logger LOG = LoggerFactory.getLogger(MessageReader.class);

  private final MessageCache cache;
  private final SlackWebClient slack;

  MessageReader(MessageCache cache, SlackWebClient slack) {
    this.cache = cache;
    this.slack = slack;
  }

  /** The message could not be read; {@link #getMessage()} says why, in words for the thread. */
  static final class UnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** @throws UnreadableException if neither the cache nor Slack gave the message */
  SlackMessage read(String channelId, String ts) {
    Optional<SlackMessage> cached = cache.get(channelId, ts);
    if (cached.isPresent()) {
      return cached.get();
    }
    List<String> problems = new ArrayList<>();
    for (Supplier<Optional<SlackMessage>> source : List.<Supplier<Optional<SlackMessage>>>of(
        () -> slack.historyMessage(channelId, ts), () -> slack.threadMessage(channelId, ts))) {
      try {
        Optional<SlackMessage> found = source.get();
        if (found.isPresent()) {
          cache.put(found.get());
          return found.get();
        }
      } catch (SlackRateLimitException e) {
        problems.add(e.method() + " is rate limited" + (e.retryAfter() == null ? ""
            : " for " + Math.max(1, e.retryAfter().toSeconds()) + " s"));
      } catch (SlackApiException e) {
        problems.add(e.method() + " answered " + e.error());
      } catch (SlackException e) {
        problems.add(e.method() + " failed" + (e.status() == 0 ? "" : " with " + e.status()));
      }
    }
    String reason = problems.isEmpty() ? "Slack has no message " + ts + " in this channel"
        : String.join("; ", problems);
    LOG.info("Could not read Slack message {} in {}: {}", ts, channelId, reason);
    throw new UnreadableException(reason);
  }
}
