package dev.custintel.analytics.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** FP-growth and rule generation against brute-force enumeration on small random data. */
class FpGrowthPropertyTest {

  /** Random baskets over at most 12 items, at most 60 baskets, some empty, skewed item popularity. */
  private static Baskets randomBaskets(Random random) {
    int items = 3 + random.nextInt(10);
    int baskets = 1 + random.nextInt(60);
    double[] p = new double[items];
    for (int i = 0; i < items; i++) {
      p[i] = 0.05 + 0.6 * random.nextDouble();
    }
    Baskets.Builder builder = Baskets.builder();
    for (int b = 0; b < baskets; b++) {
      List<String> basket = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        if (random.nextDouble() < p[i]) {
          basket.add("item" + i);
          if (random.nextInt(10) == 0) {
            basket.add("item" + i); // duplicates count once
          }
        }
      }
      builder.add(basket);
    }
    return builder.build();
  }

  private static int[] masks(Baskets baskets) {
    int[] masks = new int[baskets.size()];
    for (int t = 0; t < baskets.size(); t++) {
      for (int item : baskets.basket(t)) {
        masks[t] |= 1 << item;
      }
    }
    return masks;
  }

  private static int count(int[] masks, int set) {
    int c = 0;
    for (int m : masks) {
      if ((m & set) == set) {
        c++;
      }
    }
    return c;
  }

  private static String key(int set) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 32; i++) {
      if ((set & (1 << i)) != 0) {
        sb.append(sb.length() > 1 ? ", " : "").append(i);
      }
    }
    return sb.append(']').toString();
  }

  /** Brute force: every non-empty itemset with count ≥ minSupport × N (or ≥ minCount), up to maxLength. */
  private static Map<String, Integer> bruteItemsets(Baskets baskets, double minSupport, int minCount, int maxLength) {
    int[] masks = masks(baskets);
    Map<String, Integer> out = new TreeMap<>();
    for (int set = 1; set < (1 << baskets.itemCount()); set++) {
      if (Integer.bitCount(set) > maxLength) {
        continue;
      }
      int c = count(masks, set);
      boolean frequent = minCount > 0 ? c >= minCount : c >= minSupport * baskets.size() - 1e-9;
      if (frequent && c > 0) {
        out.put(key(set), c);
      }
    }
    return out;
  }

  /**
   * Mines with a budget of a few ints for the initial tree's conditional bases, so they are collected in many small
   * blocks, and checks that the result is the same, itemset by itemset and in order.
   */
  private static void assertSameWithTinyBasesBudget(Baskets baskets, MiningOptions options, FrequentItemsets mined) {
    for (long budget : new long[] {1, 7, 40}) {
      FrequentItemsets blocks = FpGrowth.mine(baskets, options, budget);
      assertThat(blocks.size()).isEqualTo(mined.size());
      assertThat(blocks.truncated()).isEqualTo(mined.truncated());
      for (int i = 0; i < mined.size(); i++) {
        assertThat(blocks.itemset(i)).isEqualTo(mined.itemset(i));
        assertThat(blocks.count(i)).isEqualTo(mined.count(i));
      }
    }
  }

  private static Map<String, Integer> asMap(FrequentItemsets itemsets) {
    Map<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < itemsets.size(); i++) {
      out.put(Arrays.toString(itemsets.itemset(i)), itemsets.count(i));
    }
    return out;
  }

  /** Brute-force rules: measures as double[] {support, confidence, lift, leverage, conviction}. */
  private static Map<String, double[]> bruteRules(
      Baskets baskets, Map<String, Integer> frequent, double minConf, double minLift, int minAnte, int maxCons) {
    int[] masks = masks(baskets);
    int n = baskets.size();
    Map<String, double[]> out = new TreeMap<>();
    for (int z = 1; z < (1 << baskets.itemCount()); z++) {
      if (!frequent.containsKey(key(z))) {
        continue;
      }
      for (int y = z; y > 0; y = (y - 1) & z) {
        int x = z & ~y;
        if (Integer.bitCount(y) > maxCons || Integer.bitCount(x) < minAnte) {
          continue;
        }
        double supp = (double) count(masks, z) / n;
        double suppX = (double) count(masks, x) / n;
        double suppY = (double) count(masks, y) / n;
        double conf = supp / suppX;
        double lift = conf / suppY;
        if (conf < minConf - 1e-12 || lift < minLift - 1e-12) {
          continue;
        }
        double conviction = conf >= 1 - 1e-15 ? Double.POSITIVE_INFINITY : (1 - suppY) / (1 - conf);
        out.put(key(x) + "=>" + key(y), new double[] {supp, conf, lift, supp - suppX * suppY, conviction});
      }
    }
    return out;
  }

  @Test
  void itemsetsAndRulesMatchBruteForce() {
    double[] supports = {0.02, 0.1, 0.25, 0.5};
    int checkedItemsets = 0;
    int checkedRules = 0;
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      Baskets baskets = randomBaskets(random);
      for (double support : supports) {
        int maxLength = seed % 5 == 0 ? 3 : Integer.MAX_VALUE;
        MiningOptions options = MiningOptions.builder().minSupport(support).maxLength(maxLength).build();
        FrequentItemsets mined = FpGrowth.mine(baskets, options);
        Map<String, Integer> expected = bruteItemsets(baskets, support, 0, maxLength);
        assertThat(asMap(mined)).as("seed %d support %s", seed, support).isEqualTo(expected);
        assertSameWithTinyBasesBudget(baskets, options, mined);
        assertThat(mined.truncated()).isFalse();
        checkedItemsets += expected.size();

        double minConf = new double[] {0.0, 0.3, 0.6, 0.9}[(int) (seed % 4)];
        double minLift = seed % 3 == 0 ? 1.0 : 0.0;
        int minAnte = seed % 7 == 0 ? 0 : 1;
        int maxCons = 1 + (int) (seed % 3);
        RuleOptions ruleOptions = RuleOptions.builder().minConfidence(minConf).minLift(minLift)
            .minAntecedentLength(minAnte).maxConsequentLength(maxCons).build();
        AssociationRules rules = AssociationRules.generate(mined, ruleOptions);
        Map<String, double[]> expectedRules = bruteRules(baskets, expected, minConf, minLift, minAnte, maxCons);
        Map<String, double[]> actualRules = new TreeMap<>();
        for (AssociationRule r : rules.rules()) {
          actualRules.put(Arrays.toString(r.antecedent()) + "=>" + Arrays.toString(r.consequent()),
              new double[] {r.support(), r.confidence(), r.lift(), r.leverage(), r.conviction()});
        }
        assertThat(actualRules.keySet()).as("seed %d support %s", seed, support).isEqualTo(expectedRules.keySet());
        for (Map.Entry<String, double[]> e : expectedRules.entrySet()) {
          double[] want = e.getValue();
          double[] got = actualRules.get(e.getKey());
          for (int m = 0; m < want.length; m++) {
            if (Double.isInfinite(want[m])) {
              assertThat(got[m]).as(e.getKey()).isEqualTo(Double.POSITIVE_INFINITY);
            } else {
              assertThat(got[m]).as(e.getKey() + " measure " + m).isCloseTo(want[m], org.assertj.core.data.Offset
                  .offset(1e-12 * Math.max(1, Math.abs(want[m]))));
            }
          }
        }
        checkedRules += expectedRules.size();
      }
      // Absolute count threshold.
      int minCount = 1 + (int) (seed % 4);
      FrequentItemsets byCount = FpGrowth.mine(baskets, MiningOptions.builder().minCount(minCount).build());
      assertThat(asMap(byCount)).isEqualTo(bruteItemsets(baskets, 0, minCount, Integer.MAX_VALUE));
    }
    assertThat(checkedItemsets).isGreaterThan(1000);
    assertThat(checkedRules).isGreaterThan(1000);
  }

  /**
   * Nested baskets (each a prefix of one item order) make the FP-tree a single path; a little noise makes it branch
   * with single-path conditional trees below. Such paths are enumerated directly rather than mined recursively.
   */
  private static Baskets nestedBaskets(Random random) {
    int items = 2 + random.nextInt(11);
    int baskets = 1 + random.nextInt(40);
    double noise = random.nextInt(3) * 0.1;
    Baskets.Builder builder = Baskets.builder();
    for (int b = 0; b < baskets; b++) {
      List<String> basket = new ArrayList<>();
      int length = random.nextInt(items + 1);
      for (int i = 0; i < length; i++) {
        basket.add("item" + i);
      }
      if (random.nextDouble() < noise) {
        basket.add("item" + random.nextInt(items));
      }
      Collections.shuffle(basket, random);
      builder.add(basket);
    }
    return builder.build();
  }

  @Test
  void singlePaths_withLengthLimitsAndCaps_matchBruteForce() {
    int checkedItemsets = 0;
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      Baskets baskets = nestedBaskets(random);
      int minCount = 1 + random.nextInt(3);
      for (int maxLength : new int[] {1, 2, 3, Integer.MAX_VALUE}) {
        MiningOptions.Builder options = MiningOptions.builder().minCount(minCount).maxLength(maxLength);
        Map<String, Integer> expected = bruteItemsets(baskets, 0, minCount, maxLength);
        FrequentItemsets all = FpGrowth.mine(baskets, options.build());
        assertThat(asMap(all)).as("seed %d maxLength %d", seed, maxLength).isEqualTo(expected);
        checkedItemsets += expected.size();
        if (expected.isEmpty()) {
          continue;
        }
        // A capped result is the first itemsets in mining order: a subset of the next larger cap's result.
        Map<String, Integer> previous = Map.of();
        SortedSet<Integer> caps = new TreeSet<>(
            List.of(1, 2, 3, expected.size() / 2 + 1, Math.max(1, expected.size() - 1), expected.size()));
        for (int cap : caps) {
          MiningOptions truncating = options.maxItemsets(cap, LimitPolicy.TRUNCATE).build();
          FrequentItemsets capped = FpGrowth.mine(baskets, truncating);
          assertSameWithTinyBasesBudget(baskets, truncating, capped);
          Map<String, Integer> got = asMap(capped);
          assertThat(got).as("seed %d cap %d", seed, cap).hasSize(Math.min(cap, expected.size()));
          assertThat(capped.truncated()).isEqualTo(cap < expected.size());
          assertThat(expected).containsAllEntriesOf(got);
          assertThat(got).containsAllEntriesOf(previous);
          previous = got;
          MiningOptions failing = options.maxItemsets(cap, LimitPolicy.FAIL).build();
          if (cap < expected.size()) {
            assertThatThrownBy(() -> FpGrowth.mine(baskets, failing)).isInstanceOf(MiningLimitException.class);
          } else {
            assertThat(asMap(FpGrowth.mine(baskets, failing))).isEqualTo(expected);
          }
        }
      }
    }
    assertThat(checkedItemsets).isGreaterThan(5000);
  }

  /**
   * Many items, short baskets: conditional pattern bases touch few of the ranks below their item (the sparse case of
   * retail data). The reference counts every subset of every basket.
   */
  @Test
  void sparseBaskets_manyItems_matchSubsetCounting() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      int items = 50 + random.nextInt(250);
      Baskets.Builder builder = Baskets.builder();
      Map<String, Integer> subsets = new TreeMap<>();
      for (int b = 0; b < 400; b++) {
        SortedSet<String> basket = new TreeSet<>();
        int length = 1 + random.nextInt(6);
        while (basket.size() < length) {
          // Skewed: low ids are far more frequent.
          basket.add("item" + (int) (items * Math.pow(random.nextDouble(), 3)));
        }
        builder.add(basket);
        countSubsets(new ArrayList<>(basket), subsets);
      }
      Baskets baskets = builder.build();
      for (int minCount : new int[] {1, 2, 4}) {
        Map<String, Integer> expected = new TreeMap<>();
        for (Map.Entry<String, Integer> e : subsets.entrySet()) {
          if (e.getValue() >= minCount) {
            expected.put(e.getKey(), e.getValue());
          }
        }
        MiningOptions options = MiningOptions.builder().minCount(minCount).build();
        FrequentItemsets mined = FpGrowth.mine(baskets, options);
        assertSameWithTinyBasesBudget(baskets, options, mined);
        Map<String, Integer> got = new TreeMap<>();
        for (int i = 0; i < mined.size(); i++) {
          got.put(mined.names(i).stream().sorted().toList().toString(), mined.count(i));
        }
        assertThat(got).as("seed %d minCount %d", seed, minCount).isEqualTo(expected);
      }
    }
  }

  /** Adds 1 to the count of every non-empty subset of the basket (names sorted), keyed by its sorted names. */
  private static void countSubsets(List<String> sortedNames, Map<String, Integer> counts) {
    for (int mask = 1; mask < (1 << sortedNames.size()); mask++) {
      List<String> subset = new ArrayList<>();
      for (int i = 0; i < sortedNames.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          subset.add(sortedNames.get(i));
        }
      }
      counts.merge(subset.toString(), 1, Integer::sum);
    }
  }

  @Test
  void countOf_anyItemset_matchesItsCountOrIsEmpty() {
    Random random = new Random(7);
    Baskets baskets = randomBaskets(random);
    FrequentItemsets mined = FpGrowth.mine(baskets, MiningOptions.builder().minCount(2).build());
    Map<String, Integer> expected = bruteItemsets(baskets, 0, 2, Integer.MAX_VALUE);
    for (int set = 1; set < (1 << baskets.itemCount()); set++) {
      int[] items = new int[Integer.bitCount(set)];
      for (int i = 0, k = 0; i < baskets.itemCount(); i++) {
        if ((set & (1 << i)) != 0) {
          items[k++] = i;
        }
      }
      Integer count = expected.get(key(set));
      assertThat(mined.countOf(items)).as(key(set))
          .isEqualTo(count == null ? OptionalInt.empty() : OptionalInt.of(count));
    }
    assertThat(mined.countOf()).isEmpty();
  }
}
