package dev.custintel.spring.internal.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.DataAccessException;
import dev.custintel.slack.RetryReport;
import dev.custintel.slack.SlackEventsHandler;
import dev.custintel.slack.SlackRequest;
import dev.custintel.slack.SlackResponse;
import dev.custintel.slack.TicketLink;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The handler's periodic jobs: each runs the handler's method, and survives its failures (a job whose exception
 * escaped would never run again). No database: the handler is a stand-in that records the calls.
 */
class SlackJobsTest {

  /** Records calls; throws what it is told to. */
  private static final class RecordingHandler implements SlackEventsHandler {
    final List<String> calls = new ArrayList<>();
    RuntimeException failure;

    private void call(String name) {
      calls.add(name);
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public SlackResponse handle(SlackRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TicketLink> ticketLink(String channelId, String messageTs) {
      return Optional.empty();
    }

    @Override
    public RetryReport retryFailed() {
      call("retryFailed");
      return new RetryReport(0, 0, 0);
    }

    @Override
    public int resumeWork() {
      call("resumeWork");
      return 0;
    }

    @Override
    public int purgeExpiredEvents() {
      call("purgeExpiredEvents");
      return 0;
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  @Test
  void jobs_runTheHandlersMethods_andCloseStopsThemButNotTheHandler() {
    RecordingHandler handler = new RecordingHandler();
    SlackJobs jobs = new SlackJobs(handler);

    jobs.retryFailed();
    jobs.purge();
    assertThat(jobs.stopped()).isFalse();
    jobs.close();
    jobs.close();

    assertThat(handler.calls).containsExactly("retryFailed", "purgeExpiredEvents");
    assertThat(jobs.stopped()).isTrue();
  }

  @Test
  void jobs_handlerFails_failureLoggedNotThrown() {
    RecordingHandler handler = new RecordingHandler();
    try (SlackJobs jobs = new SlackJobs(handler)) {
      handler.failure = new DataAccessException("Reading Slack work failed", new SQLException("gone"));
      jobs.retryFailed();
      jobs.purge();
      handler.failure = new IllegalStateException("pool closed");
      jobs.retryFailed();
      jobs.purge();
    }

    assertThat(handler.calls).containsExactly("retryFailed", "purgeExpiredEvents", "retryFailed",
        "purgeExpiredEvents");
  }
}
