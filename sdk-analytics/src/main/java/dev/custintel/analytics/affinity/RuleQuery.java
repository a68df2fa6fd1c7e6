package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which of the active run's product rules {@link AffinityClient#rules(RuleQuery)} returns. Thresholds only narrow
 * what the run stored (a run mined with confidence 0.05 cannot return rules below it). Build with
 * {@link #builder()}; by default every stored rule qualifies, ranked by lift, at most 100.
 *
 * @param minSupport the least support, in [0, 1]
 * @param minConfidence the least confidence, in [0, 1]
 * @param minLift the least lift, ≥ 0
 * @param antecedentAnyOf the antecedent holds at least one of these products; empty for no constraint
 * @param consequentAnyOf the consequent holds at least one of these products; empty for no constraint
 * @param maxAntecedentLength the most products on the left, ≥ 1
 * @param orderBy the ranking
 * @param limit the most rules returned, 1 to {@value #MAX_LIMIT}
 */
public record RuleQuery(
    double minSupport,
    double minConfidence,
    double minLift,
    Set<String> antecedentAnyOf,
    Set<String> consequentAnyOf,
    int maxAntecedentLength,
    RuleOrder orderBy,
    int limit) {

  /** The most rules one query returns. */
  public static final int MAX_LIMIT = 10_000;

  /** The most products one side's constraint may name. */
  public static final int MAX_PRODUCTS = 100;

  /**
   * Validates the query.
   *
   * @throws InvalidInputException naming the invalid field
   */
  public RuleQuery {
    unit(minSupport, "minSupport");
    unit(minConfidence, "minConfidence");
    if (!(minLift >= 0) || Double.isInfinite(minLift)) {
      throw InvalidInputException.argument("minLift", "must be a finite number ≥ 0 (was " + minLift + ")");
    }
    antecedentAnyOf = products(antecedentAnyOf, "antecedentAnyOf");
    consequentAnyOf = products(consequentAnyOf, "consequentAnyOf");
    if (maxAntecedentLength < 1) {
      throw InvalidInputException.argument(
          "maxAntecedentLength", "must be at least 1 (was " + maxAntecedentLength + ")");
    }
    Objects.requireNonNull(orderBy, "orderBy");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
  }

  private static void unit(double value, String field) {
    if (!(value >= 0 && value <= 1)) {
      throw InvalidInputException.argument(field, "must be in [0, 1] (was " + value + ")");
    }
  }

  private static Set<String> products(Set<String> ids, String field) {
    Objects.requireNonNull(ids, field);
    if (ids.size() > MAX_PRODUCTS) {
      throw InvalidInputException.argument(
          field, "may name at most " + MAX_PRODUCTS + " products (was " + ids.size() + ")");
    }
    for (String id : ids) {
      if (id == null || id.isBlank()) {
        throw InvalidInputException.argument(field, "must not hold a blank product id");
      }
    }
    return Set.copyOf(ids);
  }

  /** @return a builder: every stored rule, by lift, at most 100 */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder of {@link RuleQuery}; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private double minSupport;
    private double minConfidence;
    private double minLift;
    private final Set<String> antecedentAnyOf = new LinkedHashSet<>();
    private final Set<String> consequentAnyOf = new LinkedHashSet<>();
    private int maxAntecedentLength = Integer.MAX_VALUE;
    private RuleOrder orderBy = RuleOrder.LIFT;
    private int limit = 100;

    private Builder() {}

    /**
     * @param value the least support, in [0, 1]
     * @return this builder
     */
    public Builder minSupport(double value) {
      minSupport = value;
      return this;
    }

    /**
     * @param value the least confidence, in [0, 1]
     * @return this builder
     */
    public Builder minConfidence(double value) {
      minConfidence = value;
      return this;
    }

    /**
     * @param value the least lift, ≥ 0
     * @return this builder
     */
    public Builder minLift(double value) {
      minLift = value;
      return this;
    }

    /**
     * @param productIds products of which the antecedent must hold one (added to any given before)
     * @return this builder
     */
    public Builder antecedentAnyOf(String... productIds) {
      antecedentAnyOf.addAll(Arrays.asList(productIds));
      return this;
    }

    /**
     * @param productIds products of which the consequent must hold one (added to any given before): "what leads
     *     to these products"
     * @return this builder
     */
    public Builder consequentAnyOf(String... productIds) {
      consequentAnyOf.addAll(Arrays.asList(productIds));
      return this;
    }

    /**
     * @param value the most products on the left, ≥ 1
     * @return this builder
     */
    public Builder maxAntecedentLength(int value) {
      maxAntecedentLength = value;
      return this;
    }

    /**
     * @param value the ranking
     * @return this builder
     */
    public Builder orderBy(RuleOrder value) {
      orderBy = value;
      return this;
    }

    /**
     * @param value the most rules returned, 1 to {@value RuleQuery#MAX_LIMIT}
     * @return this builder
     */
    public Builder limit(int value) {
      limit = value;
      return this;
    }

    /** @return the validated query */
    public RuleQuery build() {
      return new RuleQuery(minSupport, minConfidence, minLift, antecedentAnyOf, consequentAnyOf, maxAntecedentLength,
          orderBy, limit);
    }
  }
}
