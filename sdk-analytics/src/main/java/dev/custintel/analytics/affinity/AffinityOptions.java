package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * How a model run mines product affinity from the store's orders: the mining thresholds, the rule thresholds, and
 * a floor on the number of baskets an itemset must be in.
 *
 * <p>The {@link #defaults()} suit a shop's catalogue rather than arules' textbook defaults: an itemset must be in
 * at least 0.1% of the baskets and in at least 5 of them (so a small store does not turn single coincidences into
 * rules), itemsets of at most 3 products, rules with one product on the right, confidence at least 0.05 and lift
 * at least 1 (only positive associations), at most 1,000,000 itemsets and 200,000 rules, failing with
 * {@link MiningLimitException} beyond either cap (raise the support rather than the caps).
 *
 * @param mining the itemset thresholds and cap
 * @param rules the rule thresholds, filters and cap
 * @param minBaskets the least number of baskets an itemset must be in, whatever the support gives, ≥ 1
 */
public record AffinityOptions(MiningOptions mining, RuleOptions rules, int minBaskets) {
  private static final AffinityOptions DEFAULTS = new AffinityOptions(
      MiningOptions.builder().minSupport(0.001).maxLength(3).maxItemsets(1_000_000, LimitPolicy.FAIL).build(),
      RuleOptions.builder().minConfidence(0.05).minLift(1.0).maxConsequentLength(1)
          .maxRules(200_000, LimitPolicy.FAIL).build(),
      5);

  /**
   * Validates the options.
   *
   * @throws InvalidInputException naming the invalid option
   */
  public AffinityOptions {
    Objects.requireNonNull(mining, "mining");
    Objects.requireNonNull(rules, "rules");
    if (minBaskets < 1) {
      throw InvalidInputException.argument("minBaskets", "must be at least 1 (was " + minBaskets + ")");
    }
  }

  /** @return the defaults described above */
  public static AffinityOptions defaults() {
    return DEFAULTS;
  }

  /**
   * @param n the number of baskets
   * @return the least count a frequent itemset needs among {@code n} baskets: the larger of the mining threshold
   *     and {@link #minBaskets()}
   */
  public int minCountFor(int n) {
    return Math.max(mining.minCountFor(n), minBaskets);
  }

  /**
   * @param n the number of baskets
   * @return the mining options with the threshold of {@link #minCountFor(int)} as an absolute count
   */
  public MiningOptions miningFor(int n) {
    return new MiningOptions(0, minCountFor(n), mining.maxLength(), mining.maxItemsets(), mining.onLimit());
  }

  /**
   * @param value the mining thresholds
   * @return these options with other mining thresholds
   */
  public AffinityOptions withMining(MiningOptions value) {
    return new AffinityOptions(Objects.requireNonNull(value, "mining"), rules, minBaskets);
  }

  /**
   * @param value the rule thresholds
   * @return these options with other rule thresholds
   */
  public AffinityOptions withRules(RuleOptions value) {
    return new AffinityOptions(mining, Objects.requireNonNull(value, "rules"), minBaskets);
  }

  /**
   * @param value the basket floor ≥ 1
   * @return these options with another basket floor
   */
  public AffinityOptions withMinBaskets(int value) {
    return new AffinityOptions(mining, rules, value);
  }
}
