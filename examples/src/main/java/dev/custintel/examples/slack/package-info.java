/**
 * A runnable Slack app: {@link dev.custintel.examples.slack.SlackTicketBot} serves the Slack events handler over
 * the JDK's HTTP server, with a Gorgias client and a store, configured by environment variables.
 */
@NullMarked
package dev.custintel.examples.slack;

import org.jspecify.annotations.NullMarked;
