package dev.custintel.analytics.affinity;

import java.util.Arrays;
import java.util.List;

/**
 * The itemsets FP-growth emits, in mining order, stored flat; applies the {@code maxItemsets} cap and its policy, and
 * sorts them into {@link FrequentItemsets} at the end.
 *
 * <p>Mining emits an itemset as the current suffix (an itemset emitted before) plus one item, so an itemset is stored
 * by copying the suffix's sorted ids and inserting the new one: no sort per itemset.
 */
final class ItemsetBuffer {
  private final int maxItemsets;
  private final LimitPolicy onLimit;
  /** {@code suffixAt[L]} is the index of the itemset of length L being extended. */
  private final int[] suffixAt;

  private int[] items = new int[1024];
  private int itemLength;
  private int[] offsets = new int[256];
  private int[] counts = new int[256];
  private int size;
  private boolean stopped;

  ItemsetBuffer(int maxItemsets, LimitPolicy onLimit, int maxLength) {
    this.maxItemsets = maxItemsets;
    this.onLimit = onLimit;
    this.suffixAt = new int[maxLength + 1];
  }

  /** @return true once the cap was reached under {@link LimitPolicy#TRUNCATE}: mining should stop */
  boolean stopped() {
    return stopped;
  }

  /**
   * Records the itemset made of the current suffix of length {@code length − 1} (the itemset of that length emitted
   * last) plus {@code item}.
   *
   * @throws MiningLimitException if the cap is reached and the policy is {@link LimitPolicy#FAIL}
   */
  void emit(int length, int item, int count) {
    if (size == maxItemsets) {
      if (onLimit == LimitPolicy.FAIL) {
        throw new MiningLimitException("maxItemsets", maxItemsets);
      }
      stopped = true;
      return;
    }
    if (items.length < itemLength + length) {
      items = Arrays.copyOf(items, Math.max(itemLength + length, items.length * 2));
    }
    if (counts.length == size) {
      counts = Arrays.copyOf(counts, size * 2);
    }
    if (offsets.length <= size + 1) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    // Insert the new item into the suffix's sorted ids.
    int to = itemLength;
    if (length > 1) {
      int from = offsets[suffixAt[length - 1]];
      int end = from + length - 1;
      while (from < end && items[from] < item) {
        items[to++] = items[from++];
      }
      items[to++] = item;
      while (from < end) {
        items[to++] = items[from++];
      }
    } else {
      items[to++] = item;
    }
    itemLength = to;
    counts[size] = count;
    suffixAt[length] = size;
    size++;
    offsets[size] = itemLength;
  }

  /** @return the itemsets ordered by length, then ids */
  FrequentItemsets toFrequentItemsets(List<String> itemNames, int transactionCount, int minCount) {
    int[] order = SequenceSort.byLengthThenLexicographic(items, offsets, size, itemNames.size());
    int[] sortedItems = new int[itemLength];
    int[] sortedOffsets = new int[size + 1];
    int[] sortedCounts = new int[size];
    int pos = 0;
    for (int i = 0; i < size; i++) {
      int src = order[i];
      int len = offsets[src + 1] - offsets[src];
      System.arraycopy(items, offsets[src], sortedItems, pos, len);
      pos += len;
      sortedOffsets[i + 1] = pos;
      sortedCounts[i] = counts[src];
    }
    return new FrequentItemsets(
        itemNames, transactionCount, minCount, sortedItems, sortedOffsets, sortedCounts, stopped);
  }
}
