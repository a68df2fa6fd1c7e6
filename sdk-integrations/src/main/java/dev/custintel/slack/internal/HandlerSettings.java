package dev.custintel.slack.internal;

import dev.custintel.core.store.CustintelStore;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.slack.QuestionAnswerer;
import dev.custintel.slack.SlackWebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the events handler's builder checked. {@code toString()} hides the signing secret. Not API.
 *
 * @param executor where events are processed; null for a pool the handler owns
 * @param ticketUrlTemplate the ticket's web address with {@code {id}} for the id; null when unknown
 */
public record HandlerSettings(
    String signingSecret,
    SlackWebClient slack,
    GorgiasClient gorgias,
    CustintelStore store,
    @Nullable QuestionAnswerer answerer,
    @Nullable Executor executor,
    @Nullable String botUserId,
    Set<String> ticketReactions,
    Set<String> closeReactions,
    @Nullable Pattern customerIdPattern,
    @Nullable String fallbackCustomerEmail,
    List<String> ticketTags,
    @Nullable String ticketUrlTemplate,
    Duration eventRetention,
    Duration claimTimeout,
    int maxAttempts,
    int messageCacheSize,
    Duration messageCacheTtl,
    Clock clock) {

  /** @return the ticket's address in Gorgias's web app, or null when no template was given */
  public @Nullable String ticketUrl(long ticketId) {
    return ticketUrlTemplate == null ? null : ticketUrlTemplate.replace("{id}", Long.toString(ticketId));
  }

  /** @return the ticket reaction to name in hints (the first configured) */
  public String ticketReactionHint() {
    return ticketReactions.iterator().next();
  }

  /** @return the close reaction to name in hints (the first configured) */
  public String closeReactionHint() {
    return closeReactions.iterator().next();
  }

  @Override
  public String toString() {
    return "HandlerSettings[signingSecret=(redacted), slack=" + slack + ", gorgias=" + gorgias + ", ticketReactions="
        + ticketReactions + ", closeReactions=" + closeReactions + ", customerIdPattern=" + customerIdPattern
        + ", ticketTags=" + ticketTags + ", eventRetention=" + eventRetention + ", claimTimeout=" + claimTimeout
        + ", maxAttempts=" + maxAttempts + "]";
  }
}
