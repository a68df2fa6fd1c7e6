package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * Options of {@link FpGrowth}. Build with {@link #builder()}; the defaults are minimum support 0.01 (fraction),
 * unlimited itemset length and at most 1,000,000 itemsets with {@link LimitPolicy#FAIL}.
 *
 * @param minSupport the minimum support as a fraction in (0, 1], or 0 when {@code minCount} is used
 * @param minCount the minimum absolute count ≥ 1, or 0 when the fraction {@code minSupport} is used
 * @param maxLength the maximum itemset length ≥ 1
 * @param maxItemsets the maximum number of itemsets in the result ≥ 1
 * @param onLimit what to do when more than {@code maxItemsets} itemsets are frequent
 */
public record MiningOptions(double minSupport, int minCount, int maxLength, int maxItemsets, LimitPolicy onLimit) {
  /** Relative tolerance for {@code minSupport × N} so that, for example, 0.1 × 60 is taken as exactly 6. */
  private static final double TOLERANCE = 1e-9;

  /**
   * Validates the options.
   *
   * @throws InvalidInputException naming the invalid option
   */
  public MiningOptions {
    Objects.requireNonNull(onLimit, "onLimit");
    boolean fraction = minSupport != 0;
    if (fraction && !(minSupport > 0 && minSupport <= 1)) {
      throw InvalidInputException.argument("minSupport", "must be in (0, 1] (was " + minSupport + ")");
    }
    if (fraction && minCount != 0) {
      throw InvalidInputException.argument("minCount", "must be 0 when minSupport is set (was " + minCount + ")");
    }
    if (!fraction && minCount < 1) {
      throw InvalidInputException.argument("minCount", "must be at least 1 (was " + minCount + ")");
    }
    if (maxLength < 1) {
      throw InvalidInputException.argument("maxLength", "must be at least 1 (was " + maxLength + ")");
    }
    if (maxItemsets < 1) {
      throw InvalidInputException.argument("maxItemsets", "must be at least 1 (was " + maxItemsets + ")");
    }
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The absolute count threshold for {@code n} transactions: {@code minCount}, or {@code ceil(minSupport × n)} (at
   * least 1), so that an itemset is frequent iff {@code count ≥ minSupport × n}.
   *
   * @param n the number of transactions
   * @return the minimum count of a frequent itemset
   */
  public int minCountFor(int n) {
    if (minSupport == 0) {
      return minCount;
    }
    double exact = minSupport * n;
    return (int) Math.max(1, Math.ceil(exact - TOLERANCE * Math.max(1, exact)));
  }

  /** Builder of {@link MiningOptions}. */
  public static final class Builder {
    private double minSupport = 0.01;
    private int minCount;
    private int maxLength = Integer.MAX_VALUE;
    private int maxItemsets = 1_000_000;
    private LimitPolicy onLimit = LimitPolicy.FAIL;

    private Builder() {}

    /**
     * @param fraction minimum support in (0, 1]; replaces any absolute count
     * @return this builder
     */
    public Builder minSupport(double fraction) {
      if (!(fraction > 0 && fraction <= 1)) {
        throw InvalidInputException.argument("minSupport", "must be in (0, 1] (was " + fraction + ")");
      }
      this.minSupport = fraction;
      this.minCount = 0;
      return this;
    }

    /**
     * @param count minimum absolute count ≥ 1; replaces any fraction
     * @return this builder
     */
    public Builder minCount(int count) {
      if (count < 1) {
        throw InvalidInputException.argument("minCount", "must be at least 1 (was " + count + ")");
      }
      this.minCount = count;
      this.minSupport = 0;
      return this;
    }

    /**
     * @param length maximum itemset length ≥ 1
     * @return this builder
     */
    public Builder maxLength(int length) {
      this.maxLength = length;
      return this;
    }

    /**
     * @param cap maximum number of itemsets ≥ 1
     * @param policy what to do when more itemsets are frequent
     * @return this builder
     */
    public Builder maxItemsets(int cap, LimitPolicy policy) {
      this.maxItemsets = cap;
      this.onLimit = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** @return the validated options */
    public MiningOptions build() {
      return new MiningOptions(minSupport, minCount, maxLength, maxItemsets, onLimit);
    }
  }
}
