package dev.custintel.slack;

/**
 * What one {@link SlackEventsHandler#retryFailed()} run did.
 *
 * @param attempted links whose ticket creation was tried again
 * @param linked of those, links that now have their ticket
 * @param failed of those, links that failed again (or whose message could not be read)
 */
public record RetryReport(int attempted, int linked, int failed) {}
