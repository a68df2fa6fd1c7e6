package dev.custintel.slack.internal;

import dev.custintel.slack.SlackException;
import dev.custintel.slack.SlackWebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the app's replies in threads. A reply that fails is logged, not thrown: what it reports (a ticket made or
 * closed) is already stored. The posted reply goes into the message cache, so a close reaction on it finds its
 * thread. Not API.
 */
final class Replier {
  private static final Logger LOG = LoggerFactory.getLogger(Replier.class);

  private final SlackWebClient slack;
  private final MessageCache cache;

  Replier(SlackWebClient slack, MessageCache cache) {
    this.slack = slack;
    this.cache = cache;
  }

  void reply(String channelId, String threadTs, String text) {
    try {
      cache.put(slack.postMessage(channelId, threadTs, text));
    } catch (SlackException e) {
      LOG.warn("Could not reply in Slack thread {} of {}: {}", threadTs, channelId, e.getMessage());
    }
  }

}
