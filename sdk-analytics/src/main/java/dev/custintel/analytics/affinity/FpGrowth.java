package dev.custintel.analytics.affinity;

import java.util.Arrays;
import java.util.Objects;

/**
 * Frequent-itemset mining by FP-growth (Han, Pei &amp; Yin 2000, "Mining frequent patterns without candidate
 * generation", SIGMOD). Counts are exact.
 *
 * <p>The FP-tree orders the frequent items by descending count, ties by ascending id; conditional trees keep that
 * order and are mined recursively. Trees are parallel int arrays (item, count, parent, first child, next sibling,
 * next node of the same item), so memory is about 24 bytes per tree node and no boxing happens while mining.
 *
 * <p>With the {@link LimitPolicy#TRUNCATE} policy a capped result is the first {@code maxItemsets} itemsets in
 * mining order, which is not "the most frequent ones": treat it as a sample and tighten the support instead.
 */
public final class FpGrowth {
  private final int minCount;
  private final int maxLength;
  private final int maxItemsets;
  private final LimitPolicy onLimit;
  private final int[] rankToItem;

  private int[] outItems = new int[1024];
  private int outItemLength;
  private int[] outOffsets = new int[256];
  private int[] outCounts = new int[256];
  private int outCount;
  private boolean stopped;

  private FpGrowth(int minCount, MiningOptions options, int[] rankToItem) {
    this.minCount = minCount;
    this.maxLength = options.maxLength();
    this.maxItemsets = options.maxItemsets();
    this.onLimit = options.onLimit();
    this.rankToItem = rankToItem;
  }

  /**
   * Mines all itemsets whose count is at least {@link MiningOptions#minCountFor(int)} of {@code baskets.size()}.
   *
   * @param baskets the transactions
   * @param options thresholds and caps
   * @return the frequent itemsets (the empty itemset is not reported)
   * @throws MiningLimitException if more than {@code maxItemsets} itemsets are frequent and the policy is
   *     {@link LimitPolicy#FAIL}
   */
  public static FrequentItemsets mine(Baskets baskets, MiningOptions options) {
    Objects.requireNonNull(baskets, "baskets");
    Objects.requireNonNull(options, "options");
    int n = baskets.size();
    int minCount = options.minCountFor(n);
    int[] itemCounts = baskets.itemCounts();
    int frequent = 0;
    for (int c : itemCounts) {
      if (c >= minCount) {
        frequent++;
      }
    }
    int[] rankToItem = new int[frequent];
    int k = 0;
    for (int item = 0; item < itemCounts.length; item++) {
      if (itemCounts[item] >= minCount) {
        rankToItem[k++] = item;
      }
    }
    rankToItem = sortByCountDescending(rankToItem, itemCounts);
    int[] itemToRank = new int[itemCounts.length];
    Arrays.fill(itemToRank, -1);
    for (int r = 0; r < rankToItem.length; r++) {
      itemToRank[rankToItem[r]] = r;
    }

    FpTree tree = new FpTree(frequent, 1024);
    int[][] buffer = {new int[16]};
    baskets.forEach((items, from, to) -> {
      if (buffer[0].length < to - from) {
        buffer[0] = new int[to - from];
      }
      int[] ranks = buffer[0];
      int len = 0;
      for (int i = from; i < to; i++) {
        int r = itemToRank[items[i]];
        if (r >= 0) {
          ranks[len++] = r;
        }
      }
      Arrays.sort(ranks, 0, len);
      tree.insert(ranks, len, 1);
    });

    FpGrowth miner = new FpGrowth(minCount, options, rankToItem);
    miner.mineTree(tree, frequent, new int[Math.min(frequent, options.maxLength()) + 1], 0);
    return miner.result(baskets, n);
  }

  private static int[] sortByCountDescending(int[] items, int[] counts) {
    // Sort by a composite long key: descending count, then ascending id.
    long[] keys = new long[items.length];
    for (int i = 0; i < items.length; i++) {
      keys[i] = ((long) (Integer.MAX_VALUE - counts[items[i]]) << 32) | items[i];
    }
    Arrays.sort(keys);
    int[] sorted = new int[items.length];
    for (int i = 0; i < keys.length; i++) {
      sorted[i] = (int) keys[i];
    }
    return sorted;
  }

  /** Mines the items of rank below {@code limit} in {@code tree}, extending the suffix {@code suffix[0..depth)}. */
  private void mineTree(FpTree tree, int limit, int[] suffix, int depth) {
    int[] path = new int[Math.max(1, limit)];
    for (int r = limit - 1; r >= 0 && !stopped; r--) {
      int total = tree.itemTotal[r];
      if (total < minCount) {
        continue;
      }
      suffix[depth] = r;
      emit(suffix, depth + 1, total);
      if (stopped || depth + 1 >= maxLength || r == 0) {
        continue;
      }
      int[] conditional = new int[r];
      for (int node = tree.head[r]; node != -1; node = tree.link[node]) {
        int c = tree.count[node];
        for (int p = tree.parent[node]; p != 0; p = tree.parent[p]) {
          conditional[tree.item[p]] += c;
        }
      }
      int top = -1;
      for (int i = r - 1; i >= 0; i--) {
        if (conditional[i] >= minCount) {
          top = i;
          break;
        }
      }
      if (top < 0) {
        continue;
      }
      FpTree child = new FpTree(top + 1, 64);
      for (int node = tree.head[r]; node != -1; node = tree.link[node]) {
        int len = 0;
        for (int p = tree.parent[node]; p != 0; p = tree.parent[p]) {
          int item = tree.item[p];
          if (item <= top && conditional[item] >= minCount) {
            path[len++] = item;
          }
        }
        // Collected leaf-to-root, i.e. by descending rank; insert root-to-leaf.
        for (int i = 0, j = len - 1; i < j; i++, j--) {
          int t = path[i];
          path[i] = path[j];
          path[j] = t;
        }
        child.insert(path, len, tree.count[node]);
      }
      mineTree(child, top + 1, suffix, depth + 1);
    }
  }

  private void emit(int[] suffix, int length, int count) {
    if (outCount == maxItemsets) {
      if (onLimit == LimitPolicy.FAIL) {
        throw new MiningLimitException("maxItemsets", maxItemsets);
      }
      stopped = true;
      return;
    }
    if (outItems.length < outItemLength + length) {
      outItems = Arrays.copyOf(outItems, Math.max(outItemLength + length, outItems.length * 2));
    }
    if (outCounts.length == outCount) {
      outCounts = Arrays.copyOf(outCounts, outCount * 2);
    }
    if (outOffsets.length <= outCount + 1) {
      outOffsets = Arrays.copyOf(outOffsets, outOffsets.length * 2);
    }
    for (int i = 0; i < length; i++) {
      outItems[outItemLength + i] = rankToItem[suffix[i]];
    }
    Arrays.sort(outItems, outItemLength, outItemLength + length);
    outItemLength += length;
    outCounts[outCount] = count;
    outCount++;
    outOffsets[outCount] = outItemLength;
  }

  private FrequentItemsets result(Baskets baskets, int n) {
    Integer[] order = new Integer[outCount];
    for (int i = 0; i < outCount; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int la = outOffsets[a + 1] - outOffsets[a];
      int lb = outOffsets[b + 1] - outOffsets[b];
      if (la != lb) {
        return Integer.compare(la, lb);
      }
      return Arrays.compare(outItems, outOffsets[a], outOffsets[a + 1], outItems, outOffsets[b], outOffsets[b + 1]);
    });
    int[] items = new int[outItemLength];
    int[] offsets = new int[outCount + 1];
    int[] counts = new int[outCount];
    int pos = 0;
    for (int i = 0; i < outCount; i++) {
      int src = order[i];
      int len = outOffsets[src + 1] - outOffsets[src];
      System.arraycopy(outItems, outOffsets[src], items, pos, len);
      pos += len;
      offsets[i + 1] = pos;
      counts[i] = outCounts[src];
    }
    return new FrequentItemsets(baskets.itemNames(), n, minCount, items, offsets, counts, stopped);
  }

  /** An FP-tree as parallel int arrays; node 0 is the root. Items are ranks in {@code 0..width−1}. */
  private static final class FpTree {
    int[] item;
    int[] count;
    int[] parent;
    int[] firstChild;
    int[] sibling;
    int[] link;
    int size;
    final int[] head;
    final int[] itemTotal;

    FpTree(int width, int capacity) {
      item = new int[capacity];
      count = new int[capacity];
      parent = new int[capacity];
      firstChild = new int[capacity];
      sibling = new int[capacity];
      link = new int[capacity];
      head = new int[width];
      itemTotal = new int[width];
      Arrays.fill(head, -1);
      item[0] = -1;
      parent[0] = -1;
      firstChild[0] = -1;
      sibling[0] = -1;
      link[0] = -1;
      size = 1;
    }

    void insert(int[] ranks, int length, int c) {
      int node = 0;
      for (int i = 0; i < length; i++) {
        int r = ranks[i];
        int child = firstChild[node];
        while (child != -1 && item[child] != r) {
          child = sibling[child];
        }
        if (child == -1) {
          child = newNode(r, node);
        }
        count[child] += c;
        itemTotal[r] += c;
        node = child;
      }
    }

    private int newNode(int r, int parentNode) {
      if (size == item.length) {
        int capacity = size * 2;
        item = Arrays.copyOf(item, capacity);
        count = Arrays.copyOf(count, capacity);
        parent = Arrays.copyOf(parent, capacity);
        firstChild = Arrays.copyOf(firstChild, capacity);
        sibling = Arrays.copyOf(sibling, capacity);
        link = Arrays.copyOf(link, capacity);
      }
      int n = size++;
      item[n] = r;
      count[n] = 0;
      parent[n] = parentNode;
      firstChild[n] = -1;
      sibling[n] = firstChild[parentNode];
      firstChild[parentNode] = n;
      link[n] = head[r];
      head[r] = n;
      return n;
    }
  }
}
