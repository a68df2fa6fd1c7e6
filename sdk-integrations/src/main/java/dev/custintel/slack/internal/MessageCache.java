package dev.custintel.slack.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.custintel.slack.SlackMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Recent messages by (channel, ts): fed by {@code message} events when the app subscribes to them, by the
 * messages the Web API returned and by the app's own replies. Saves the rate-limited history calls, and is the
 * only way to know the thread of a reply. Bounded in size and age; expiry follows the injected clock. Not API.
 */
final class MessageCache {
  private record Key(String channelId, String ts) {}

  private final Cache<Key, SlackMessage> messages;

  MessageCache(int maximumSize, Duration ttl, Clock clock) {
    this.messages = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfterWrite(ttl)
        .ticker(() -> {
          Instant now = clock.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        })
        .executor(Runnable::run)
        .build();
  }

  void put(SlackMessage message) {
    messages.put(new Key(message.channelId(), message.ts()), message);
  }

  Optional<SlackMessage> get(String channelId, String ts) {
    return Optional.ofNullable(messages.getIfPresent(new Key(channelId, ts)));
  }

  void remove(String channelId, String ts) {
    messages.invalidate(new Key(channelId, ts));
  }
}
