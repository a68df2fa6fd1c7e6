package dev.custintel.gorgias.testing;

import dev.custintel.integrations.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when told, and a sleeper that records each wait and moves the clock instead. */
public final class FakeTime extends Clock implements Sleeper {
  public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private Instant now = START;

  @Override
  public synchronized Instant instant() {
    return now;
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    advance(duration);
  }

  /** @return every wait asked for, in order */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
