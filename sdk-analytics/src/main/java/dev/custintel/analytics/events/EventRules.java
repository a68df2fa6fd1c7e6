package dev.custintel.analytics.events;

import dev.custintel.core.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * When a model run emits events. Each level rule has an enter level and a lower exit level (hysteresis): a customer
 * enters when the value reaches the enter level, emitting one event, and stays in until it falls below the exit
 * level, emitting nothing more; a customer hovering around one level does not flap. The first activated run that
 * evaluates the rules records who is in without emitting events (otherwise a first run would alert on every
 * customer at once); later runs emit for the customers who enter.
 *
 * <pre>{@code
 * CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(url)
 *     .eventRules(EventRules.builder().churnRisk(0.9, 0.8).highValueAbove(2_000, 1_800).build())
 *     .build();
 * }</pre>
 *
 * @param churnEnter churn risk at which {@link EventType#CHURN_RISK_ALERT} is emitted (0 to 1); null turns it off
 * @param churnExit churn risk below which the customer can alert again, at most {@code churnEnter}
 * @param valueEnterAmount predicted lifetime value (in the run's currency) at which {@link
 *     EventType#HIGH_VALUE_CUSTOMER} is emitted; null to use the top percent instead
 * @param valueExitAmount value below which the customer leaves the high-value band
 * @param valueEnterTopPercent with no amounts: the band is the top this percent of the run's customers by value
 *     (0 to 100, ties included); null turns the rule off when no amount is set either
 * @param valueExitTopPercent with no amounts: customers leave when they fall out of the top this percent, at least
 *     {@code valueEnterTopPercent}
 * @param segmentChanges whether a run that stores segments emits {@link EventType#SEGMENT_CHANGED} for every
 *     customer whose segment changed since the run before
 */
public record EventRules(
    @Nullable Double churnEnter,
    @Nullable Double churnExit,
    @Nullable Double valueEnterAmount,
    @Nullable Double valueExitAmount,
    @Nullable Double valueEnterTopPercent,
    @Nullable Double valueExitTopPercent,
    boolean segmentChanges) {

  /** Validates, naming the field. */
  public EventRules {
    if ((churnEnter == null) != (churnExit == null)) {
      throw InvalidInputException.argument("churnExit", "must be set exactly when churnEnter is");
    }
    if (churnEnter != null) {
      probability("churnEnter", churnEnter);
      probability("churnExit", churnExit);
      if (churnExit > churnEnter) {
        throw InvalidInputException.argument("churnExit",
            "must not be above churnEnter (" + churnExit + " > " + churnEnter + ")");
      }
    }
    if ((valueEnterAmount == null) != (valueExitAmount == null)) {
      throw InvalidInputException.argument("valueExitAmount", "must be set exactly when valueEnterAmount is");
    }
    if (valueEnterAmount != null) {
      if (!(valueEnterAmount > 0) || Double.isInfinite(valueEnterAmount)) {
        throw InvalidInputException.argument("valueEnterAmount", "must be a positive amount (was "
            + valueEnterAmount + ")");
      }
      if (!(valueExitAmount >= 0) || valueExitAmount > valueEnterAmount) {
        throw InvalidInputException.argument("valueExitAmount",
            "must be from 0 to valueEnterAmount (was " + valueExitAmount + ")");
      }
    }
    if ((valueEnterTopPercent == null) != (valueExitTopPercent == null)) {
      throw InvalidInputException.argument("valueExitTopPercent", "must be set exactly when valueEnterTopPercent is");
    }
    if (valueEnterTopPercent != null) {
      if (valueEnterAmount != null) {
        throw InvalidInputException.argument("valueEnterTopPercent", "cannot be set with valueEnterAmount: choose one");
      }
      percent("valueEnterTopPercent", valueEnterTopPercent);
      percent("valueExitTopPercent", valueExitTopPercent);
      if (valueExitTopPercent < valueEnterTopPercent) {
        throw InvalidInputException.argument("valueExitTopPercent",
            "must not be below valueEnterTopPercent (" + valueExitTopPercent + " < " + valueEnterTopPercent + ")");
      }
    }
  }

  private static void probability(String field, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw InvalidInputException.argument(field, "must be from 0 to 1 (was " + v + ")");
    }
  }

  private static void percent(String field, double v) {
    if (!(v > 0 && v <= 100)) {
      throw InvalidInputException.argument(field, "must be above 0 and at most 100 (was " + v + ")");
    }
  }

  /**
   * The defaults: churn alerts at 0.8 (the {@code HIGH} risk level), again only after falling below 0.7; high value
   * for the top 5 % by predicted value, leaving when out of the top 10 %; segment changes on.
   *
   * @return the default rules
   */
  public static EventRules defaults() {
    return builder().build();
  }

  /** @return rules that emit nothing */
  public static EventRules none() {
    return new EventRules(null, null, null, null, null, null, false);
  }

  /** @return a builder starting from {@link #defaults()} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EventRules}. */
  public static final class Builder {
    private @Nullable Double churnEnter = 0.8;
    private @Nullable Double churnExit = 0.7;
    private @Nullable Double valueEnterAmount;
    private @Nullable Double valueExitAmount;
    private @Nullable Double valueEnterTopPercent = 5.0;
    private @Nullable Double valueExitTopPercent = 10.0;
    private boolean segmentChanges = true;

    private Builder() {}

    /** @return this, with churn alerts at {@code enter}, re-armed below {@code exit} */
    public Builder churnRisk(double enter, double exit) {
      churnEnter = enter;
      churnExit = exit;
      return this;
    }

    /** @return this, without churn alerts */
    public Builder noChurnRisk() {
      churnEnter = null;
      churnExit = null;
      return this;
    }

    /** @return this, with the high-value band from a value of {@code enter}, left below {@code exit} */
    public Builder highValueAbove(double enter, double exit) {
      valueEnterAmount = enter;
      valueExitAmount = exit;
      valueEnterTopPercent = null;
      valueExitTopPercent = null;
      return this;
    }

    /** @return this, with the high-value band as the top {@code enter} percent, left out of the top {@code exit} */
    public Builder highValueTopPercent(double enter, double exit) {
      valueEnterTopPercent = enter;
      valueExitTopPercent = exit;
      valueEnterAmount = null;
      valueExitAmount = null;
      return this;
    }

    /** @return this, without high-value events */
    public Builder noHighValue() {
      valueEnterAmount = null;
      valueExitAmount = null;
      valueEnterTopPercent = null;
      valueExitTopPercent = null;
      return this;
    }

    /** @return this, with or without segment-change events */
    public Builder segmentChanges(boolean value) {
      segmentChanges = value;
      return this;
    }

    /** @return the rules */
    public EventRules build() {
      return new EventRules(churnEnter, churnExit, valueEnterAmount, valueExitAmount, valueEnterTopPercent,
          valueExitTopPercent, segmentChanges);
    }
  }
}
