package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventQuery;
import dev.custintel.analytics.events.EventType;
import dev.custintel.analytics.events.EventsClient;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.internal.events.EventRetention;
import dev.custintel.spring.testing.SseClient;
import dev.custintel.spring.testing.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scheduled purge of old events ({@code custintel.events.retention}, 30 days by default) in a server on H2,
 * every 200 ms; and the purge's own rules without a server.
 */
class EventRetentionTest {
  private static final String ADMIN = "Boot-strap-admin-key-for-retention-tests-0123456789";

  @Test
  void server_oldEventsAreDeleted_newOnesStay_aResumeFromAPurgedIdStartsAtTheOldestLeft() throws Exception {
    try (TestDatabase db = TestDatabase.h2();
        TestServer server = TestServer.start("spring.datasource.url=" + db.jdbcUrl(),
            "custintel.security.bootstrap-admin-key=" + ADMIN, "custintel.events.purge-interval=200ms",
            "custintel.events.poll-interval=100ms", "spring.lifecycle.timeout-per-shutdown-phase=3s")) {
      CustomerIntelligence ci = server.context().getBean(CustomerIntelligence.class);
      ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
      ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 9, 30)).backtest(false).noAffinity()
          .build());
      ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 6, 30)).backtest(false).noAffinity()
          .build());
      long latest = ci.events().latestId();
      // The log's first page (a run on this sample writes more than a page).
      List<CustomerEvent> all = ci.events().read(EventQuery.after(0).withLimit(EventQuery.MAX_LIMIT));
      assertThat(all).hasSizeGreaterThan(10);
      long oldUpTo = all.get(all.size() / 2 - 1).id();
      long oldCount = all.stream().filter(e -> e.id() <= oldUpTo).count();

      // The first half of the log, as if it had been written 40 days ago.
      try (Connection c = DriverManager.getConnection(db.jdbcUrl());
          PreparedStatement update = c.prepareStatement(
              "UPDATE ci_events SET occurred_at = ? WHERE event_id <= ?")) {
        update.setObject(1, Instant.now().minus(Duration.ofDays(40)).atOffset(ZoneOffset.UTC));
        update.setLong(2, oldUpTo);
        assertThat(update.executeUpdate()).isEqualTo((int) oldCount);
      }

      MeterRegistry registry = server.context().getBean(MeterRegistry.class);
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (registry.get("custintel.events.purged").counter().count() < oldCount && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertThat(registry.get("custintel.events.purged").counter().count()).isEqualTo(oldCount);
      List<CustomerEvent> left = ci.events().read(EventQuery.after(0).withLimit(EventQuery.MAX_LIMIT));
      assertThat(left.subList(0, all.size() - (int) oldCount)).as("the events that were not old are all left")
          .containsExactlyElementsOf(all.subList((int) oldCount, all.size()));
      assertThat(ci.events().latestId()).as("ids go on").isEqualTo(latest);

      String key = ci.store().apiKeys().create("sse-reader", EnumSet.of(ApiKeyScope.READ)).key();
      try (SseClient sse = SseClient.open(server.base() + "/api/events/stream",
          Map.of("X-API-Key", key, "Last-Event-ID", Long.toString(all.get(0).id())))) {
        assertThat(sse.status()).as(sse.errorBody()).isEqualTo(200);
        SseClient.Message first = sse.next(Duration.ofSeconds(10));
        assertThat(first).isNotNull();
        assertThat(Long.parseLong(first.id())).as("the oldest event left").isEqualTo(left.get(0).id());
      }
    }
  }

  @Test
  void purgeNow_deletesBeforeNowMinusTheRetention_andCounts() {
    FakeEvents events = new FakeEvents();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Instant now = Instant.parse("2026-12-06T12:00:00Z");
    EventRetention retention = new EventRetention(events, Clock.fixed(now, ZoneOffset.UTC), registry,
        Tags.of("store", "ci_"), Duration.ofDays(30), Duration.ofHours(1));

    assertThat(retention.purgeNow()).isEqualTo(7);
    assertThat(events.before).isEqualTo(Instant.parse("2026-11-06T12:00:00Z"));
    assertThat(registry.get("custintel.events.purged").tag("store", "ci_").counter().count()).isEqualTo(7);
  }

  @Test
  void purgeNow_databaseAway_isLoggedAndCountsNothing_theNextRunTriesAgain() {
    FakeEvents events = new FakeEvents();
    events.fail = true;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EventRetention retention = new EventRetention(events, Clock.systemUTC(), registry, Tags.empty(),
        Duration.ofDays(30), Duration.ofMillis(50));

    assertThat(retention.purgeNow()).isEqualTo(-1);
    events.fail = false;
    assertThat(retention.purgeNow()).isEqualTo(7);
    assertThat(registry.get("custintel.events.purged").counter().count()).isEqualTo(7);
  }

  @Test
  void retention_zeroOrNegative_runsNoPurge() {
    for (Duration off : List.of(Duration.ZERO, Duration.ofDays(-1))) {
      EventRetention retention = new EventRetention(new FakeEvents(), Clock.systemUTC(), new SimpleMeterRegistry(),
          Tags.empty(), off, Duration.ZERO);
      retention.start();
      assertThat(retention.enabled()).isFalse();
      assertThat(retention.isRunning()).isFalse();
      retention.stop();
    }
  }

  /** Deletes 7 events per call, or fails like a database that went away. */
  private static final class FakeEvents implements EventsClient {
    volatile boolean fail;
    volatile Instant before;

    @Override
    public List<CustomerEvent> read(EventQuery query) {
      return List.of();
    }

    @Override
    public List<CustomerEvent> newest(Set<EventType> types, int limit) {
      return List.of();
    }

    @Override
    public long latestId() {
      return 0;
    }

    @Override
    public int purgeBefore(Instant instant) {
      if (fail) {
        throw new DataAccessException("Purging events failed", new java.sql.SQLException("connection refused"));
      }
      before = instant;
      return 7;
    }
  }
}
