package dev.custintel.analytics.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HysteresisTest {
  @Test
  void entersAtTheEnterLevel_staysAboveTheExitLevel_emitsOnlyOnEntry() {
    // enter 0.8, exit 0.7: a was out and reaches 0.8 (enters); b was in and is at 0.75 (stays, no event);
    // c was in and fell to 0.69 (out); d was out at 0.79 (stays out); e was in at 0.9 (stays)
    Hysteresis.Next next = Hysteresis.next(Set.of("b", "c", "e"),
        Map.of("a", 0.8, "b", 0.75, "c", 0.69, "d", 0.79, "e", 0.9), 0.8, 0.7);
    assertThat(next.in()).containsExactlyInAnyOrder("a", "b", "e");
    assertThat(next.entered()).containsExactly("a");
  }

  @Test
  void aCustomerHoveringAroundTheLevel_entersOnce() {
    Set<String> in = Set.of();
    int events = 0;
    for (double v : new double[] {0.79, 0.81, 0.78, 0.82, 0.71, 0.80, 0.69, 0.80}) {
      Hysteresis.Next next = Hysteresis.next(in, Map.of("x", v), 0.8, 0.7);
      events += next.entered().size();
      in = next.in();
    }
    // in at 0.81, stays through 0.78, 0.82, 0.71, 0.80; out at 0.69; in again at 0.80
    assertThat(events).isEqualTo(2);
  }

  @Test
  void aCustomerWithoutAScore_isOut() {
    Hysteresis.Next next = Hysteresis.next(Set.of("gone"), Map.of("x", 0.1), 0.8, 0.7);
    assertThat(next.in()).isEmpty();
    assertThat(next.entered()).isEmpty();
  }

  @Test
  void topPercentLevel_isTheLeastValueOfTheTopCustomers_tiesIncluded() {
    double[] ascending = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(Hysteresis.topPercentLevel(ascending, 10)).isEqualTo(10.0); // the top 1 of 10
    assertThat(Hysteresis.topPercentLevel(ascending, 25)).isEqualTo(8.0); // ceil(2.5) = 3: 8, 9, 10
    assertThat(Hysteresis.topPercentLevel(ascending, 100)).isEqualTo(1.0);
    assertThat(Hysteresis.topPercentLevel(ascending, 0.01)).isEqualTo(10.0); // at least one customer
    assertThat(Hysteresis.topPercentLevel(new double[0], 5)).isEqualTo(Double.POSITIVE_INFINITY);
  }
}
