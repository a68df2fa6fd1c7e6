package dev.custintel.analytics.affinity;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The frequent itemsets found by {@link FpGrowth}: each a sorted array of item ids with its exact count. Ordered by
 * length, then lexicographically by ids. Itemsets are stored flat (ids, offsets, counts), not as objects: an itemset
 * of length L costs 4L + 8 bytes.
 *
 * <p>The index behind {@link #countOf} is an open-addressing hash table of itemset positions (one int per slot, at
 * most half full: 8 to 16 bytes per itemset), built on the first lookup. Instances are immutable and safe to share
 * between threads.
 */
public final class FrequentItemsets {
  private final List<String> itemNames;
  private final int transactionCount;
  private final int minCount;
  private final int[] items;
  private final int[] offsets;
  private final int[] counts;
  private final boolean truncated;
  /** Slot to itemset index + 1, 0 for an empty slot; built on first use (a benign race: any copy is complete). */
  private volatile int @Nullable [] index;

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
    int i = find(sortedItems, sortedItems.length);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(counts[i]);
  }

  int countOrMinusOne(int[] buffer, int length) {
    int i = find(buffer, length);
    return i < 0 ? -1 : counts[i];
  }

  /** @return the index of the itemset {@code sortedItems[0..length)}, or −1 */
  private int find(int[] sortedItems, int length) {
    int[] table = index();
    int mask = table.length - 1;
    for (int slot = hash(sortedItems, 0, length) & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int i = entry - 1;
      if (Arrays.equals(items, offsets[i], offsets[i + 1], sortedItems, 0, length)) {
        return i;
      }
    }
  }

  private int[] index() {
    int[] table = index;
    if (table == null) {
      table = buildIndex();
      index = table;
    }
    return table;
  }

  private int[] buildIndex() {
    // A power of two at least twice the size, so probes stay short (load factor ≤ 0.5).
    int capacity = Math.toIntExact(Long.highestOneBit(Math.max(2L, counts.length) * 2 - 1) << 1);
    int[] table = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < counts.length; i++) {
      int slot = hash(items, offsets[i], offsets[i + 1]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = i + 1;
    }
    return table;
  }

  /** A polynomial hash finished with MurmurHash3's mixer, so nearby ids spread over the whole table. */
  private static int hash(int[] array, int from, int to) {
    int h = to - from;
    for (int i = from; i < to; i++) {
      h = 31 * h + array[i];
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
