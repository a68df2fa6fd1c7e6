package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Options of {@link AssociationRules#generate}. Defaults (as in arules {@code apriori}): minimum confidence 0.8, no
 * minimum lift, antecedent length 1 and up (no rules with an empty antecedent), exactly one item in the consequent,
 * at most 1,000,000 rules with {@link LimitPolicy#FAIL}, no item required or forbidden.
 *
 * @param minConfidence minimum confidence in [0, 1]
 * @param minLift minimum lift ≥ 0
 * @param minAntecedentLength minimum antecedent length ≥ 0; 0 allows rules {@code {} ⇒ Y}
 * @param maxAntecedentLength maximum antecedent length ≥ {@code minAntecedentLength}
 * @param maxConsequentLength maximum consequent length ≥ 1
 * @param maxRules maximum number of rules ≥ 1
 * @param onLimit what to do when more than {@code maxRules} rules qualify
 * @param items items required or forbidden on either side
 */
public record RuleOptions(
    double minConfidence, double minLift, int minAntecedentLength, int maxAntecedentLength, int maxConsequentLength,
    int maxRules, LimitPolicy onLimit, ItemFilter items) {

  /**
   * Validates the options.
   *
   * @throws InvalidInputException naming the invalid option
   */
  public RuleOptions {
    Objects.requireNonNull(onLimit, "onLimit");
    Objects.requireNonNull(items, "items");
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw InvalidInputException.argument("minConfidence", "must be in [0, 1] (was " + minConfidence + ")");
    }
    if (!(minLift >= 0) || Double.isInfinite(minLift)) {
      throw InvalidInputException.argument("minLift", "must be a finite number ≥ 0 (was " + minLift + ")");
    }
    if (minAntecedentLength < 0) {
      throw InvalidInputException.argument(
          "minAntecedentLength", "must be at least 0 (was " + minAntecedentLength + ")");
    }
    if (maxAntecedentLength < minAntecedentLength) {
      throw InvalidInputException.argument(
          "maxAntecedentLength", "must be at least minAntecedentLength (was " + maxAntecedentLength + ")");
    }
    if (maxConsequentLength < 1) {
      throw InvalidInputException.argument(
          "maxConsequentLength", "must be at least 1 (was " + maxConsequentLength + ")");
    }
    if (maxRules < 1) {
      throw InvalidInputException.argument("maxRules", "must be at least 1 (was " + maxRules + ")");
    }
  }

  /**
   * @param value the items required or forbidden on either side
   * @return these options with that item filter instead
   */
  public RuleOptions withItems(ItemFilter value) {
    return new RuleOptions(minConfidence, minLift, minAntecedentLength, maxAntecedentLength, maxConsequentLength,
        maxRules, onLimit, Objects.requireNonNull(value, "items"));
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder of {@link RuleOptions}; validation happens in {@link #build()}. */
  public static final class Builder {
    private double minConfidence = 0.8;
    private double minLift;
    private int minAntecedentLength = 1;
    private int maxAntecedentLength = Integer.MAX_VALUE;
    private int maxConsequentLength = 1;
    private int maxRules = 1_000_000;
    private LimitPolicy onLimit = LimitPolicy.FAIL;
    private final Set<String> requiredInAntecedent = new LinkedHashSet<>();
    private final Set<String> requiredInConsequent = new LinkedHashSet<>();
    private final Set<String> forbiddenInAntecedent = new LinkedHashSet<>();
    private final Set<String> forbiddenInConsequent = new LinkedHashSet<>();

    private Builder() {}

    /**
     * @param value minimum confidence in [0, 1]
     * @return this builder
     */
    public Builder minConfidence(double value) {
      this.minConfidence = value;
      return this;
    }

    /**
     * @param value minimum lift ≥ 0
     * @return this builder
     */
    public Builder minLift(double value) {
      this.minLift = value;
      return this;
    }

    /**
     * @param length minimum antecedent length ≥ 0 (arules {@code minlen} minus the consequent)
     * @return this builder
     */
    public Builder minAntecedentLength(int length) {
      this.minAntecedentLength = length;
      return this;
    }

    /**
     * @param length maximum antecedent length
     * @return this builder
     */
    public Builder maxAntecedentLength(int length) {
      this.maxAntecedentLength = length;
      return this;
    }

    /**
     * @param length maximum consequent length ≥ 1
     * @return this builder
     */
    public Builder maxConsequentLength(int length) {
      this.maxConsequentLength = length;
      return this;
    }

    /**
     * @param cap maximum number of rules ≥ 1
     * @param policy what to do when more rules qualify
     * @return this builder
     */
    public Builder maxRules(int cap, LimitPolicy policy) {
      this.maxRules = cap;
      this.onLimit = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param names items of which the antecedent must hold at least one (added to any given before)
     * @return this builder
     */
    public Builder requireInAntecedent(Collection<String> names) {
      requiredInAntecedent.addAll(names);
      return this;
    }

    /**
     * @param names items of which the consequent must hold at least one (added to any given before), as in
     *     "which baskets lead to these items"
     * @return this builder
     */
    public Builder requireInConsequent(Collection<String> names) {
      requiredInConsequent.addAll(names);
      return this;
    }

    /**
     * @param names items the antecedent must not hold (added to any given before)
     * @return this builder
     */
    public Builder forbidInAntecedent(Collection<String> names) {
      forbiddenInAntecedent.addAll(names);
      return this;
    }

    /**
     * @param names items the consequent must not hold (added to any given before)
     * @return this builder
     */
    public Builder forbidInConsequent(Collection<String> names) {
      forbiddenInConsequent.addAll(names);
      return this;
    }

    /**
     * @param names items no rule may hold on either side (added to any given before)
     * @return this builder
     */
    public Builder forbid(Collection<String> names) {
      return forbidInAntecedent(names).forbidInConsequent(names);
    }

    /** @return the validated options */
    public RuleOptions build() {
      return new RuleOptions(
          minConfidence, minLift, minAntecedentLength, maxAntecedentLength, maxConsequentLength, maxRules, onLimit,
          new ItemFilter(requiredInAntecedent, requiredInConsequent, forbiddenInAntecedent, forbiddenInConsequent));
    }
  }
}
