/**
 * Slack helpers for a support team: a framework-neutral receiver for the Events API
 * ({@link dev.custintel.slack.SlackEventsHandler}) that turns a 🎫 reaction into a Gorgias ticket, a ✅ reaction
 * into a closed ticket and a mention into an answer, each in the message's thread; and a small Web API client
 * ({@link dev.custintel.slack.SlackWebClient}).
 *
 * <p>Every failure is a {@link dev.custintel.core.CustintelException}, except a null argument (a
 * {@link NullPointerException} naming the parameter): bad arguments an
 * {@link dev.custintel.core.InvalidInputException}, Web API failures a {@link dev.custintel.slack.SlackException}
 * subtype. Nothing from OkHttp, Jackson, Jdbi or Caffeine appears in a signature except the optional shared
 * {@code OkHttpClient} on the Web API client's builder. The signing secret and the bot token never appear in logs,
 * exception messages or {@code toString()}.
 */
@NullMarked
package dev.custintel.slack;

import org.jspecify.annotations.NullMarked;
