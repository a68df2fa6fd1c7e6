package dev.custintel.analytics.experiments;

import java.util.Locale;

/** An experiment's primary metric, measured per exposed customer over the orders of its window after exposure. */
public enum ExperimentMetric {
  /** Whether the customer placed at least one purchase in the window: the two-proportion z-test. */
  CONVERSION,
  /** The customer's net revenue in the window (purchases less returns, in the shop's currency): Welch's t-test. */
  REVENUE;

  /** @return the name on the wire, such as {@code conversion} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
