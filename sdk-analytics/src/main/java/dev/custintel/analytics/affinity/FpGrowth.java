package dev.custintel.analytics.affinity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Frequent-itemset mining by FP-growth (Han, Pei &amp; Yin 2000, "Mining frequent patterns without candidate
 * generation", SIGMOD). Counts are exact.
 *
 * <p>The FP-tree orders the frequent items by descending count, ties by ascending id; conditional trees keep that
 * order and are mined recursively, from the last rank to the first. Trees are int arrays ({@link FpTree}), so no
 * boxing happens while mining. The initial tree is built from the transactions sorted by rank, which needs no child
 * search and numbers the nodes depth first, so its conditional pattern bases are collected in passes over the nodes
 * in order (at most 8 MB of bases at a time) rather than by a walk to the root from every node. A conditional tree
 * keeps only the items frequent in its pattern base, renumbered densely, and one tree per recursion depth is reused.
 * When a tree is a single path, its itemsets are enumerated directly (every combination of the path's nodes is
 * frequent, with the count of its deepest node) in the order the recursion would emit them.
 *
 * <p>With the {@link LimitPolicy#TRUNCATE} policy a capped result is the first {@code maxItemsets} itemsets in
 * mining order, which is not "the most frequent ones": treat it as a sample and tighten the support instead.
 */
public final class FpGrowth {
  /** The most ints the initial tree's conditional pattern bases take at a time: 8 MB. */
  private static final long BASES_BUDGET = 1 << 21;

  private final int minCount;
  private final long basesBudget;
  private final int maxLength;
  private final ItemsetBuffer out;
  /** Conditional trees by recursion depth, reused. */
  private final List<FpTree> trees = new ArrayList<>();
  // Scratch for one conditional pattern base, indexed by rank in the tree being mined; left cleared after each use.
  private final int[] baseCount;
  private final int[] childRank;
  private final int[] touched;
  private final int[] path;
  /** The prefix paths of one conditional pattern base: for each, its length, its count, its ranks root to leaf. */
  private int[] pathBuffer = new int[64];
  /** The number of ranks {@link #walkBase} listed in {@link #touched}. */
  private int touchedCount;

  private FpGrowth(int minCount, MiningOptions options, int width, long basesBudget) {
    this.minCount = minCount;
    this.basesBudget = basesBudget;
    this.maxLength = options.maxLength();
    this.out = new ItemsetBuffer(options.maxItemsets(), options.onLimit(), Math.min(width, options.maxLength()));
    this.baseCount = new int[width];
    this.childRank = new int[width];
    this.touched = new int[width];
    this.path = new int[width];
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
    return mine(baskets, options, BASES_BUDGET);
  }

  /** As {@link #mine(Baskets, MiningOptions)} with another budget for the bases: tests use tiny ones. */
  static FrequentItemsets mine(Baskets baskets, MiningOptions options, long basesBudget) {
    Objects.requireNonNull(baskets, "baskets");
    Objects.requireNonNull(options, "options");
    int n = baskets.size();
    int minCount = options.minCountFor(n);
    FpTree tree = FpTree.of(baskets, minCount);
    FpGrowth miner = new FpGrowth(minCount, options, tree.width, basesBudget);
    miner.mineInitial(tree);
    return miner.out.toFrequentItemsets(baskets.itemNames(), n, minCount);
  }

  /** Mines every itemset of {@code tree}'s items, each extending the current suffix of length {@code depth}. */
  private void mine(FpTree tree, int depth) {
    if (!tree.branched) {
      int[] nodeCounts = path; // free until a conditional base is built, which a single path never needs
      for (int r = 0; r < tree.width; r++) {
        nodeCounts[r] = tree.count(r + 1);
      }
      minePath(tree.toItem, nodeCounts, tree.width, depth, -1);
      return;
    }
    // Every rank of a tree is frequent: the initial tree has only frequent items, a conditional tree only the items
    // frequent in its pattern base.
    for (int r = tree.width - 1; r >= 0 && !out.stopped(); r--) {
      out.emit(depth + 1, tree.toItem[r], tree.itemTotal[r]);
      if (out.stopped() || depth + 1 >= maxLength || r == 0) {
        continue;
      }
      int end = walkBase(tree, r);
      mineBase(tree, r, depth + 1, pathBuffer, 0, end, touchedCount);
    }
  }

  /**
   * Mines the initial tree as {@link #mine(FpTree, int)} does, with its conditional pattern bases written by
   * {@link FpTree#deliverBases} (one pass over the tree per block of ranks) rather than by walks up the tree. A block
   * holds the bases of as many ranks as fit in the budget ({@link #BASES_BUDGET} ints; at least one rank).
   */
  private void mineInitial(FpTree tree) {
    if (!tree.branched || maxLength == 1) {
      mine(tree, 0); // collects no base: walkBase is for conditional trees only
      return;
    }
    // Blocks of ranks from the last down, each as long as the budget allows, and an array for the longest.
    int[] blockStart = new int[tree.width];
    int blocks = 0;
    long longest = 0;
    for (int hi = tree.width; hi > 0; ) {
      int lo = hi - 1;
      long length = tree.baseLength[lo];
      while (lo > 0 && length + tree.baseLength[lo - 1] <= basesBudget) {
        lo--;
        length += tree.baseLength[lo];
      }
      blockStart[blocks++] = lo;
      longest = Math.max(longest, length);
      hi = lo;
    }
    int[] bases = new int[Math.toIntExact(longest)];
    for (int b = 0, hi = tree.width; b < blocks && !out.stopped(); b++) {
      int lo = blockStart[b];
      int[] regionStart = new int[hi - lo + 1];
      tree.deliverBases(lo, hi, bases, regionStart);
      for (int r = hi - 1; r >= lo && !out.stopped(); r--) {
        out.emit(1, tree.toItem[r], tree.itemTotal[r]);
        if (out.stopped() || r == 0) {
          continue;
        }
        int from = regionStart[r - lo];
        int to = regionStart[r - lo + 1];
        mineBase(tree, r, 1, bases, from, to, countBase(bases, from, to));
      }
      hi = lo;
    }
  }

  /**
   * Walks up a conditional tree from each node of rank {@code r}, counting the base into {@link #baseCount} (the
   * ranks seen listed in {@link #touched}, their number in {@link #touchedCount}) and writing each prefix path to
   * {@link #pathBuffer} as {@link FpTree#deliverBases} does: its length, its count, its ranks from the root down.
   *
   * @return the end of the paths in {@link #pathBuffer}
   */
  private int walkBase(FpTree tree, int r) {
    touchedCount = 0;
    int end = 0;
    for (int node = tree.head[r]; node != -1; node = tree.link(node)) {
      int length = tree.depth(node) - 1;
      if (pathBuffer.length - end < length + 2) {
        pathBuffer = Arrays.copyOf(pathBuffer, Math.max(pathBuffer.length * 2, end + length + 2));
      }
      int c = tree.count(node);
      pathBuffer[end] = length;
      pathBuffer[end + 1] = c;
      end += 2 + length;
      // Up the tree, so the ranks are written from the end of the path back.
      int at = end;
      for (int p = tree.parent(node); p != 0; p = tree.parent(p)) {
        int i = tree.rank(p);
        if (baseCount[i] == 0) {
          touched[touchedCount++] = i;
        }
        baseCount[i] += c;
        pathBuffer[--at] = i;
      }
    }
    return end;
  }

  /**
   * Counts the base written in {@code paths[from..to)} into {@link #baseCount}, listing the ranks seen in
   * {@link #touched}.
   *
   * @return the number of ranks seen
   */
  private int countBase(int[] paths, int from, int to) {
    int seen = 0;
    for (int k = from; k < to; ) {
      int end = k + 2 + paths[k];
      int c = paths[k + 1];
      for (k += 2; k < end; k++) {
        int i = paths[k];
        if (baseCount[i] == 0) {
          touched[seen++] = i;
        }
        baseCount[i] += c;
      }
    }
    return seen;
  }

  /**
   * Mines the conditional pattern base of rank {@code r} in {@code tree}, counted in {@link #baseCount} and written
   * in {@code paths[from..to)}: the ranks frequent in it, renumbered densely in the same order, make the child tree.
   *
   * @param seen the number of ranks listed in {@link #touched}, all the ranks with a non-zero count
   */
  private void mineBase(FpTree tree, int r, int depth, int[] paths, int from, int to, int seen) {
    int width = 0;
    int lastCount = 0;
    if (seen > r >> 3) {
      for (int i = 0; i < r; i++) {
        if (baseCount[i] >= minCount) {
          touched[width++] = i;
          lastCount = baseCount[i];
        } else {
          childRank[i] = -1;
        }
        baseCount[i] = 0;
      }
    } else {
      for (int t = 0; t < seen; t++) {
        int i = touched[t];
        if (baseCount[i] >= minCount) {
          touched[width++] = i;
          lastCount = baseCount[i];
        } else {
          childRank[i] = -1;
        }
        baseCount[i] = 0;
      }
      Arrays.sort(touched, 0, width);
    }
    if (width == 0) {
      return;
    }
    for (int j = 0; j < width; j++) {
      childRank[touched[j]] = j;
    }
    FpTree child = tree(depth, width);
    for (int j = 0; j < width; j++) {
      child.toItem[j] = tree.toItem[touched[j]];
    }
    if (width == 1) {
      // One node, with the rank's count in the base: no need to read the paths back.
      path[0] = 0;
      child.insert(path, 1, lastCount);
    } else {
      for (int k = from; k < to; ) {
        int end = k + 2 + paths[k];
        int c = paths[k + 1];
        int len = 0;
        for (k += 2; k < end; k++) {
          int rank = childRank[paths[k]];
          if (rank >= 0) {
            path[len++] = rank;
          }
        }
        child.insert(path, len, c);
      }
    }
    mine(child, depth);
  }

  /**
   * Mines a base that is a single path of ranks {@code 0..length−1}, the node of rank {@code r} with count
   * {@code nodeCounts[r]}. Every combination of its nodes is frequent, with the count of its deepest node; the loop
   * emits them in the order the recursion would, so a truncated result is the same. {@code count} is −1 at the top,
   * else the count of the deepest node already in the suffix.
   */
  private void minePath(int[] toItem, int[] nodeCounts, int length, int depth, int count) {
    for (int r = length - 1; r >= 0 && !out.stopped(); r--) {
      int c = count < 0 ? nodeCounts[r] : count;
      out.emit(depth + 1, toItem[r], c);
      if (out.stopped() || depth + 1 >= maxLength || r == 0) {
        continue;
      }
      minePath(toItem, nodeCounts, r, depth + 1, c);
    }
  }

  private FpTree tree(int depth, int width) {
    while (trees.size() <= depth) {
      trees.add(FpTree.forInsertion());
    }
    FpTree tree = trees.get(depth);
    tree.reset(width);
    return tree;
  }
}
