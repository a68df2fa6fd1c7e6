package dev.custintel.analytics.affinity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Association rules generated from {@link FrequentItemsets}: for every frequent itemset Z and every non-empty
 * consequent Y ⊂ Z within the length limits of {@link RuleOptions}, the rule (Z∖Y) ⇒ Y is kept iff its confidence
 * and lift reach the minimums and its sides pass the {@link ItemFilter}. Thresholds are compared with a relative tolerance of 1e-12, so a rule whose exact
 * confidence equals the minimum (such as 4/5 against 0.8) is kept.
 *
 * <p>Rules are listed in the order of their itemsets (by length, then ids), consequents by ascending ids; use
 * {@link #sortedByLift()} for the usual ranking.
 */
public final class AssociationRules {
  private static final double TOLERANCE = 1e-12;

  private final List<AssociationRule> rules;
  private final int transactionCount;
  private final boolean truncated;

  private AssociationRules(List<AssociationRule> rules, int transactionCount, boolean truncated) {
    this.rules = Collections.unmodifiableList(rules);
    this.transactionCount = transactionCount;
    this.truncated = truncated;
  }

  /**
   * Generates rules.
   *
   * <p>If the itemsets are truncated, rules whose antecedent or consequent count is missing are skipped and the
   * result is flagged truncated.
   *
   * @param itemsets the frequent itemsets, normally all of them from {@link FpGrowth#mine}
   * @param options thresholds and caps
   * @return the rules
   * @throws MiningLimitException if more than {@code maxRules} rules qualify and the policy is
   *     {@link LimitPolicy#FAIL}
   * @throws dev.custintel.core.InvalidInputException if the item filter names an item that is in no basket
   */
  public static AssociationRules generate(FrequentItemsets itemsets, RuleOptions options) {
    Objects.requireNonNull(itemsets, "itemsets");
    Objects.requireNonNull(options, "options");
    int n = itemsets.transactionCount();
    List<AssociationRule> out = new ArrayList<>();
    boolean truncated = itemsets.truncated();
    int[] xBuf = new int[16];
    int[] yBuf = new int[16];
    int[] pick = new int[16];
    ItemFilter.@Nullable Resolved filter =
        options.items().isNone() ? null : options.items().resolve(itemsets.itemNames());
    outer:
    for (int i = 0; i < itemsets.size(); i++) {
      int[] z = itemsets.itemset(i);
      int len = z.length;
      if (xBuf.length < len) {
        xBuf = new int[len];
        yBuf = new int[len];
        pick = new int[len];
      }
      int count = itemsets.count(i);
      int maxY = Math.min(options.maxConsequentLength(), len - options.minAntecedentLength());
      int minY = Math.max(1, len - options.maxAntecedentLength());
      for (int ySize = minY; ySize <= maxY; ySize++) {
        // Enumerate the combinations pick[0] < ... < pick[ySize-1] of positions in z.
        for (int k = 0; k < ySize; k++) {
          pick[k] = k;
        }
        while (true) {
          int xLen = 0;
          int yLen = 0;
          int p = 0;
          for (int pos = 0; pos < len; pos++) {
            if (p < ySize && pick[p] == pos) {
              yBuf[yLen++] = z[pos];
              p++;
            } else {
              xBuf[xLen++] = z[pos];
            }
          }
          // A rule the filter rejects is skipped before its counts are looked up.
          if (filter == null || filter.keeps(xBuf, xLen, yBuf, yLen)) {
            int xCount = xLen == 0 ? n : itemsets.countOrMinusOne(xBuf, xLen);
            int yCount = itemsets.countOrMinusOne(yBuf, yLen);
            if (xCount < 0 || yCount < 0) {
              truncated = true;
            } else if (count >= options.minConfidence() * xCount * (1 - TOLERANCE)
                && (double) count * n >= options.minLift() * xCount * (double) yCount * (1 - TOLERANCE)) {
              if (out.size() == options.maxRules()) {
                if (options.onLimit() == LimitPolicy.FAIL) {
                  throw new MiningLimitException("maxRules", options.maxRules());
                }
                truncated = true;
                break outer;
              }
              out.add(new AssociationRule(Arrays.copyOf(xBuf, xLen), Arrays.copyOf(yBuf, yLen),
                  itemsets.itemNames(), count, xCount, yCount, n));
            }
          }
          if (!nextCombination(pick, ySize, len)) {
            break;
          }
        }
      }
    }
    return new AssociationRules(out, n, truncated);
  }

  private static boolean nextCombination(int[] pick, int k, int n) {
    int i = k - 1;
    while (i >= 0 && pick[i] == n - k + i) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    pick[i]++;
    for (int j = i + 1; j < k; j++) {
      pick[j] = pick[j - 1] + 1;
    }
    return true;
  }

  /** @return the rules, unmodifiable */
  public List<AssociationRule> rules() {
    return rules;
  }

  /** @return the number of rules */
  public int size() {
    return rules.size();
  }

  /** @return the number of transactions N the supports are relative to */
  public int transactionCount() {
    return transactionCount;
  }

  /** @return true if the {@code maxRules} cap was reached or the itemsets were truncated */
  public boolean truncated() {
    return truncated;
  }

  /**
   * @return element {@code L} is the number of rules with {@code L} items in total (antecedent plus consequent);
   *     the array ends at the longest rule
   */
  public int[] countsByLength() {
    int max = 0;
    for (AssociationRule r : rules) {
      max = Math.max(max, r.length());
    }
    int[] byLength = new int[max + 1];
    for (AssociationRule r : rules) {
      byLength[r.length()]++;
    }
    return byLength;
  }

  /** @return the rules by descending lift, then descending confidence, then descending support (new list) */
  public List<AssociationRule> sortedByLift() {
    List<AssociationRule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparingDouble(AssociationRule::lift).reversed()
        .thenComparing(Comparator.comparingDouble(AssociationRule::confidence).reversed())
        .thenComparing(Comparator.comparingDouble(AssociationRule::support).reversed()));
    return sorted;
  }
}
