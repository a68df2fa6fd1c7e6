package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundTest {

  @Test
  void theResultComesFromAThreadOfItsOwn() {
    AtomicReference<Thread> ran = new AtomicReference<>();
    Background<String> b = Background.start("probe-thread", () -> {
      ran.set(Thread.currentThread());
      return "done";
    });

    assertThat(b.join()).isEqualTo("done");
    assertThat(ran.get()).isNotSameAs(Thread.currentThread());
    assertThat(ran.get().getName()).isEqualTo("probe-thread");
    assertThat(ran.get().isDaemon()).isTrue();
  }

  @Test
  void whatTheComputationThrowsIsThrownAsItWas() {
    IllegalArgumentException failure = new IllegalArgumentException("bad parameters");
    assertThatThrownBy(() -> Background.start("t", () -> {
      throw failure;
    }).join()).isSameAs(failure);

    StackOverflowError error = new StackOverflowError("deep");
    assertThatThrownBy(() -> Background.start("t", () -> {
      throw error;
    }).join()).isSameAs(error);
  }

  @Test
  void anInterruptWhileWaitingIsKeptAndTheResultStillReturned() {
    Thread.currentThread().interrupt();
    try {
      String result = Background.start("t", () -> {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return "late";
      }).join();

      assertThat(result).isEqualTo("late");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
