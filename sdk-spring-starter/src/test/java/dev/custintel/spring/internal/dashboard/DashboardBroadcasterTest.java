package dev.custintel.spring.internal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The broadcaster with stand-in sessions (no server), every 50 ms: a session whose write never returns is closed
 * and counted while the others keep getting every tick's message, and a failing computation sends the error
 * message, keeps the sessions and recovers.
 */
class DashboardBroadcasterTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CountDownLatch release = new CountDownLatch(1);
  private DashboardBroadcaster broadcaster;

  @AfterEach
  void stop() {
    release.countDown();
    if (broadcaster != null) {
      broadcaster.stop();
    }
  }

  /** A session that records what it is sent and how it was closed; a stuck one blocks in its first write. */
  private static final class FakeSession {
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicReference<CloseStatus> closed = new AtomicReference<>();
    final AtomicBoolean open = new AtomicBoolean(true);
    final WebSocketSession session;

    FakeSession(String id, CountDownLatch stuckUntil) {
      session = (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
            case "getId" -> id;
            case "isOpen" -> open.get();
            case "sendMessage" -> {
              if (stuckUntil != null) {
                stuckUntil.await();
              }
              received.add(((TextMessage) args[0]).getPayload());
              yield null;
            }
            case "close" -> {
              closed.compareAndSet(null, args == null ? CloseStatus.NORMAL : (CloseStatus) args[0]);
              open.set(false);
              yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "session " + id;
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }
  }

  private void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(end);
      Thread.sleep(10);
    }
  }

  @Test
  void stuckSession_isClosedAndCounted_theOthersKeepReceiving() throws Exception {
    AtomicInteger n = new AtomicInteger();
    broadcaster = new DashboardBroadcaster(() -> "{\"n\":" + n.incrementAndGet() + "}", at -> "{\"error\":1}",
        Clock.systemUTC(), registry, Tags.empty(), Duration.ofMillis(50), Duration.ofMillis(200));
    broadcaster.start();
    FakeSession stuck = new FakeSession("stuck", release);
    FakeSession a = new FakeSession("a", null);
    FakeSession b = new FakeSession("b", null);
    broadcaster.join(stuck.session);
    broadcaster.join(a.session);
    broadcaster.join(b.session);

    await(() -> stuck.closed.get() != null);
    assertThat(stuck.closed.get()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
    assertThat(registry.get("custintel.ws.drops").counter().count()).isEqualTo(1);
    int before = a.received.size();
    await(() -> a.received.size() >= before + 3 && b.received.size() >= before + 3);
    assertThat(broadcaster.clients()).isEqualTo(2);
    // In tick order, each once.
    List<Integer> seen = a.received.stream().map(t -> Integer.parseInt(t.replaceAll("\\D", ""))).toList();
    assertThat(seen).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void failingComputation_sendsTheErrorMessage_keepsTheSessions_andRecovers() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    broadcaster = new DashboardBroadcaster(() -> {
      if (down.get()) {
        throw new IllegalStateException("jdbc:postgresql://secret-host/db SELECT ...");
      }
      return "{\"ok\":true}";
    }, at -> "{\"error\":\"figures unavailable\"}", Clock.systemUTC(), registry, Tags.empty(), Duration.ofMillis(50),
        Duration.ofSeconds(1));
    broadcaster.start();
    FakeSession s = new FakeSession("s", null);
    broadcaster.join(s.session);

    await(() -> s.received.size() >= 2);
    assertThat(s.received).allMatch(t -> t.equals("{\"error\":\"figures unavailable\"}"));
    down.set(false);
    await(() -> s.received.contains("{\"ok\":true}"));
    assertThat(s.closed.get()).isNull();
    assertThat(broadcaster.clients()).isEqualTo(1);
  }

  @Test
  void noSession_noComputation_stopClosesWith1001() throws Exception {
    AtomicInteger computed = new AtomicInteger();
    broadcaster = new DashboardBroadcaster(() -> "{\"n\":" + computed.incrementAndGet() + "}", at -> "{}",
        Clock.systemUTC(), registry, Tags.empty(), Duration.ofMillis(20), Duration.ofSeconds(1));
    broadcaster.start();
    Thread.sleep(200);
    assertThat(computed.get()).as("ten ticks without a session").isZero();

    FakeSession s = new FakeSession("s", null);
    broadcaster.join(s.session);
    await(() -> !s.received.isEmpty());
    broadcaster.stop();
    assertThat(s.closed.get()).isEqualTo(CloseStatus.GOING_AWAY);
    assertThat(registry.get("custintel.dashboard.computations").counter().count()).isEqualTo(computed.get());
  }
}
