package dev.custintel.analytics.affinity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The frequent itemsets found by {@link FpGrowth}: each a sorted array of item ids with its exact count. Ordered by
 * length, then lexicographically by ids. Itemsets are stored flat (ids, offsets, counts), not as objects.
 */
public final class FrequentItemsets {
  private final List<String> itemNames;
  private final int transactionCount;
  private final int minCount;
  private final int[] items;
  private final int[] offsets;
  private final int[] counts;
  private final boolean truncated;
  private final Map<Key, Integer> index;

  FrequentItemsets(
      List<String> itemNames, int transactionCount, int minCount, int[] items, int[] offsets, int[] counts,
      boolean truncated) {
    this.itemNames = itemNames;
    this.transactionCount = transactionCount;
    this.minCount = minCount;
    this.items = items;
    this.offsets = offsets;
    this.counts = counts;
    this.truncated = truncated;
    this.index = new HashMap<>(counts.length * 2);
    for (int i = 0; i < counts.length; i++) {
      index.put(new Key(items, offsets[i], offsets[i + 1]), i);
    }
  }

  /** @return the number of frequent itemsets */
  public int size() {
    return counts.length;
  }

  /** @return the number of transactions N the supports are relative to */
  public int transactionCount() {
    return transactionCount;
  }

  /** @return the minimum count an itemset needed to be frequent */
  public int minCount() {
    return minCount;
  }

  /** @return true if mining stopped at the {@code maxItemsets} cap, so some frequent itemsets are missing */
  public boolean truncated() {
    return truncated;
  }

  /** @return the item dictionary: element {@code i} is the name of item {@code i} */
  public List<String> itemNames() {
    return itemNames;
  }

  /**
   * @param i an index in {@code 0..size()−1}
   * @return a copy of the itemset's item ids, ascending
   */
  public int[] itemset(int i) {
    Objects.checkIndex(i, size());
    return Arrays.copyOfRange(items, offsets[i], offsets[i + 1]);
  }

  /**
   * @param i an index in {@code 0..size()−1}
   * @return the names of the itemset's items, in id order
   */
  public List<String> names(int i) {
    int[] set = itemset(i);
    String[] out = new String[set.length];
    for (int k = 0; k < set.length; k++) {
      out[k] = itemNames.get(set[k]);
    }
    return List.of(out);
  }

  /**
   * @param i an index in {@code 0..size()−1}
   * @return the number of items in the itemset
   */
  public int length(int i) {
    Objects.checkIndex(i, size());
    return offsets[i + 1] - offsets[i];
  }

  /**
   * @param i an index in {@code 0..size()−1}
   * @return the number of transactions containing the itemset
   */
  public int count(int i) {
    Objects.checkIndex(i, size());
    return counts[i];
  }

  /**
   * @param i an index in {@code 0..size()−1}
   * @return {@code count(i) / N}
   */
  public double support(int i) {
    return (double) count(i) / transactionCount;
  }

  /**
   * @return element {@code L} is the number of frequent itemsets of length {@code L}; element 0 is 0, the array
   *     ends at the longest length found
   */
  public int[] countsByLength() {
    int max = 0;
    for (int i = 0; i < counts.length; i++) {
      max = Math.max(max, offsets[i + 1] - offsets[i]);
    }
    int[] byLength = new int[max + 1];
    for (int i = 0; i < counts.length; i++) {
      byLength[offsets[i + 1] - offsets[i]]++;
    }
    return byLength;
  }

  /**
   * @param sortedItems item ids, ascending and distinct
   * @return the itemset's count, empty if it is not among the frequent itemsets
   */
  public OptionalInt countOf(int... sortedItems) {
    Integer i = index.get(new Key(sortedItems, 0, sortedItems.length));
    return i == null ? OptionalInt.empty() : OptionalInt.of(counts[i]);
  }

  int countOrMinusOne(int[] buffer, int length) {
    Integer i = index.get(new Key(buffer, 0, length));
    return i == null ? -1 : counts[i];
  }

  /** A view of a range of an int array as a hash key; the array must not change while the key is in use. */
  private static final class Key {
    private final int[] array;
    private final int from;
    private final int to;
    private final int hash;

    Key(int[] array, int from, int to) {
      this.array = array;
      this.from = from;
      this.to = to;
      int h = 1;
      for (int i = from; i < to; i++) {
        h = 31 * h + array[i];
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k && Arrays.equals(array, from, to, k.array, k.from, k.to);
    }
  }
}
