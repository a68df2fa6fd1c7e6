package dev.custintel.analytics.internal.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One level rule's next state: a customer is in when the value reaches {@code enter}, or was in and the value is
 * still at least {@code exit}. Those who are in now and were not before have entered. Not API.
 */
final class Hysteresis {
  /** @param in who is in now @param entered who came in, sorted */
  record Next(Set<String> in, List<String> entered) {}

  private Hysteresis() {}

  /**
   * @param before who was in
   * @param values each scored customer's value now (customers without a value are out)
   * @param enter the level to come in at
   * @param exit the level below which a customer goes out, at most {@code enter}
   */
  static Next next(Set<String> before, Map<String, Double> values, double enter, double exit) {
    Set<String> in = new HashSet<>();
    List<String> entered = new ArrayList<>();
    for (Map.Entry<String, Double> e : values.entrySet()) {
      double v = e.getValue();
      boolean was = before.contains(e.getKey());
      if (v >= enter || (was && v >= exit)) {
        in.add(e.getKey());
        if (!was) {
          entered.add(e.getKey());
        }
      }
    }
    Collections.sort(entered);
    return new Next(in, entered);
  }

  /**
   * The least value among the top {@code percent} of values (ties with it included): the top-percent rule's level.
   *
   * @return that value, or +∞ when there are no values
   */
  static double topPercentLevel(double[] sortedAscending, double percent) {
    int n = sortedAscending.length;
    if (n == 0) {
      return Double.POSITIVE_INFINITY;
    }
    int count = (int) Math.ceil(n * percent / 100.0);
    count = Math.max(1, Math.min(n, count));
    return sortedAscending[n - count];
  }
}
