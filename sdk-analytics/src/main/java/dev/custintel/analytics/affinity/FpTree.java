package dev.custintel.analytics.affinity;

import java.util.Arrays;

/**
 * An FP-tree (Han, Pei &amp; Yin 2000) in int arrays; node 0 is the root. The tree's items are ranks
 * {@code 0..width−1}, ascending from the root along every path; {@link #toItem} maps a rank to its item id.
 *
 * <p>A node is an index into parallel arrays (rank, count, parent, next node of the same rank): 16 bytes, no object.
 * (Interleaving the four fields in one array was measured too: no faster on retail, 8% slower on Groceries.)
 *
 * <p>Two kinds of trees. The initial tree ({@link #of}) is built from the transactions sorted lexicographically by
 * rank: each shares exactly its common prefix with the previous one, so no child is searched, and the nodes come
 * numbered depth first, which {@link #deliverBases} uses to collect conditional pattern bases in passes over the
 * nodes. Conditional trees are built path by path ({@link #insert}) and also keep first-child and next-sibling links
 * and depths (12 bytes more per node); they are {@link #reset} and reused, so mining allocates no tree per base.
 */
final class FpTree {
  /** The number of ranks; every rank occurs in the tree. */
  int width;
  /** Rank to item id. */
  int[] toItem;
  /** Rank to its first node, −1 if none. */
  int[] head;
  /** Rank to the sum of the counts of its nodes. */
  int[] itemTotal;
  /** The number of nodes, root included. */
  int size;
  /** Whether some node has two children; if not, the tree is one path and node {@code r + 1} holds rank {@code r}. */
  boolean branched;
  /** For a tree built by {@link #of}: rank to the length of its prefix paths as written by {@link #deliverBases}. */
  long[] baseLength = new long[0];
  /** For a tree built by {@link #of}: the depth of its deepest node. */
  private int depth;

  // A node is an index into these arrays.
  private int[] rank;
  private int[] count;
  private int[] parent;
  private int[] link;
  private int[] firstChild;
  private int[] sibling;
  private int[] depthOf;
  /** Rank to the root's child of that rank, −1 if none: the root has the most children, so it gets a direct index. */
  private int[] rootChild;

  private FpTree(int width, int capacity, boolean childLinks) {
    this.toItem = new int[Math.max(1, width)];
    this.head = new int[toItem.length];
    this.itemTotal = new int[toItem.length];
    this.rank = new int[capacity];
    this.count = new int[capacity];
    this.parent = new int[capacity];
    this.link = new int[capacity];
    this.firstChild = childLinks ? new int[capacity] : new int[0];
    this.sibling = childLinks ? new int[capacity] : new int[0];
    this.depthOf = childLinks ? new int[capacity] : new int[0];
    this.rootChild = childLinks ? new int[toItem.length] : new int[0];
    reset(width);
  }

  /** @return an empty tree for {@link #insert}, to be {@link #reset} before use */
  static FpTree forInsertion() {
    return new FpTree(0, 64, true);
  }

  /**
   * @return the FP-tree of the baskets' items of count at least {@code minCount}, ranked by descending count, ties by
   *     ascending id
   */
  static FpTree of(Baskets baskets, int minCount) {
    int[] itemCounts = baskets.itemCounts();
    int frequent = 0;
    long occurrences = 0;
    for (int c : itemCounts) {
      if (c >= minCount) {
        frequent++;
        occurrences += c;
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

    // Each basket as its ascending frequent ranks, stored flat.
    int n = baskets.size();
    int[] ranks = new int[Math.toIntExact(occurrences)];
    int[] offsets = new int[n + 1];
    int[] next = new int[1]; // the next basket's index
    baskets.forEach((items, from, to) -> {
      int t = next[0]++;
      int start = offsets[t];
      int end = start;
      for (int i = from; i < to; i++) {
        int r = itemToRank[items[i]];
        if (r >= 0) {
          ranks[end++] = r;
        }
      }
      sortShort(ranks, start, end);
      offsets[t + 1] = end;
    });
    int[] order = new int[n];
    for (int t = 0; t < n; t++) {
      order[t] = t;
    }
    SequenceSort.lexicographic(ranks, offsets, order, 0, n, frequent);
    return ofSorted(ranks, offsets, order, rankToItem);
  }

  /** Sorts {@code a[from..to)}; by insertion when short, as baskets are: a call of Arrays.sort costs more. */
  private static void sortShort(int[] a, int from, int to) {
    if (to - from > 24) {
      Arrays.sort(a, from, to);
      return;
    }
    for (int i = from + 1; i < to; i++) {
      int x = a[i];
      int j = i;
      while (j > from && a[j - 1] > x) {
        a[j] = a[j - 1];
        j--;
      }
      a[j] = x;
    }
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

  /**
   * Builds the tree of sequences of ranks, each with count 1.
   *
   * @param ranks the sequences, stored flat; each ascending
   * @param offsets sequence {@code s} is {@code ranks[offsets[s] .. offsets[s + 1])}
   * @param order the sequence indices in lexicographic order
   * @param toItem rank to item id
   */
  private static FpTree ofSorted(int[] ranks, int[] offsets, int[] order, int[] toItem) {
    // First pass: the common prefix of each sequence with the previous one, and so the exact number of nodes, so the
    // arrays are allocated once.
    int[] sharedPrefix = new int[order.length];
    long nodeCount = 1;
    int longest = 0;
    int previous = -1;
    for (int k = 0; k < order.length; k++) {
      int s = order[k];
      int length = offsets[s + 1] - offsets[s];
      sharedPrefix[k] = commonPrefix(ranks, offsets, previous, s);
      nodeCount += length - sharedPrefix[k];
      longest = Math.max(longest, length);
      previous = s;
    }
    FpTree tree = new FpTree(toItem.length, Math.toIntExact(nodeCount), false);
    System.arraycopy(toItem, 0, tree.toItem, 0, toItem.length);
    tree.baseLength = new long[toItem.length];
    tree.depth = longest;
    int[] path = new int[longest + 1]; // path[d] = the node at depth d of the previous sequence
    int previousLength = 0;
    for (int k = 0; k < order.length; k++) {
      int s = order[k];
      int from = offsets[s];
      int length = offsets[s + 1] - from;
      if (length == 0) {
        continue;
      }
      int shared = sharedPrefix[k];
      if (previousLength > shared && length > shared) {
        tree.branched = true;
      }
      for (int d = shared; d < length; d++) {
        path[d + 1] = tree.addNode(ranks[from + d], path[d]);
        tree.baseLength[ranks[from + d]] += d + 2; // see deliverBases
      }
      // For now a node counts the sequences that end there; the counts of their prefixes are added below.
      tree.count[path[length]]++;
      previousLength = length;
    }
    // A parent precedes its children, so one backward sweep adds every node's count into its parent's.
    for (int n = tree.size - 1; n > 0; n--) {
      int c = tree.count[n];
      tree.count[tree.parent[n]] += c;
      tree.itemTotal[tree.rank[n]] += c;
    }
    tree.count[0] = 0;
    return tree;
  }

  private static int commonPrefix(int[] ranks, int[] offsets, int a, int b) {
    if (a < 0) {
      return 0;
    }
    int i = offsets[a];
    int j = offsets[b];
    int length = Math.min(offsets[a + 1] - i, offsets[b + 1] - j);
    int k = 0;
    while (k < length && ranks[i + k] == ranks[j + k]) {
      k++;
    }
    return k;
  }

  /**
   * Writes the prefix path of every node of rank {@code lo..hi−1}, grouped by rank: for each node, its number of
   * ancestors L, its count, then its ancestors' ranks from the root down ({@link #baseLength} ints per rank in all).
   * For a tree built by {@link #of} only: its nodes are numbered in depth-first order, so one pass over them in that
   * order, keeping the current path on a stack, finds every prefix path without walking up the tree from each node
   * (which on large sparse data is most of the mining time: a chain of dependent reads per node).
   *
   * @param out where to write; at least the sum of {@code baseLength[lo..hi)}
   * @param regionStart filled in: rank {@code r}'s paths are {@code out[regionStart[r − lo] .. regionStart[r − lo + 1])}
   */
  void deliverBases(int lo, int hi, int[] out, int[] regionStart) {
    regionStart[0] = 0;
    for (int r = lo; r < hi; r++) {
      regionStart[r - lo + 1] = Math.toIntExact(regionStart[r - lo] + baseLength[r]);
    }
    int[] next = Arrays.copyOf(regionStart, hi - lo);
    int[] stackNode = new int[depth + 1];
    int[] stackRank = new int[depth + 1];
    int top = 0; // stackNode[0] is the root
    for (int n = 1; n < size; n++) {
      int p = parent[n];
      while (stackNode[top] != p) {
        top--;
      }
      int r = rank[n];
      if (r >= lo && r < hi) {
        int at = next[r - lo];
        out[at] = top;
        out[at + 1] = count[n];
        System.arraycopy(stackRank, 1, out, at + 2, top);
        next[r - lo] = at + 2 + top;
      }
      top++;
      stackNode[top] = n;
      stackRank[top] = r;
    }
  }

  /** @return the node's rank; −1 for the root */
  int rank(int node) {
    return rank[node];
  }

  /** @return the node's count */
  int count(int node) {
    return count[node];
  }

  /** @return the node's depth, 1 for the root's children; only for a tree built by {@link #insert} */
  int depth(int node) {
    return depthOf[node];
  }

  /** @return the node's parent; 0 (the root) for the nodes of depth 1 */
  int parent(int node) {
    return parent[node];
  }

  /** @return the next node of the same rank, −1 after the last */
  int link(int node) {
    return link[node];
  }

  /** Empties the tree and sets its width; {@link #toItem} must then be filled for ranks {@code 0..width−1}. */
  void reset(int newWidth) {
    if (toItem.length < newWidth) {
      int capacity = Math.max(newWidth, toItem.length * 2);
      toItem = new int[capacity];
      head = new int[capacity];
      itemTotal = new int[capacity];
      rootChild = new int[rootChild.length == 0 ? 0 : capacity];
    }
    width = newWidth;
    Arrays.fill(head, 0, newWidth, -1);
    Arrays.fill(itemTotal, 0, newWidth, 0);
    rank[0] = -1;
    count[0] = 0;
    parent[0] = -1;
    link[0] = -1;
    if (firstChild.length > 0) {
      firstChild[0] = -1;
      sibling[0] = -1;
      Arrays.fill(rootChild, 0, newWidth, -1);
    }
    size = 1;
    branched = false;
  }

  /** Adds a path of ranks, ascending from the root, with count {@code c}; only for a tree {@link #forInsertion}. */
  void insert(int[] ranks, int length, int c) {
    if (length == 0) {
      return;
    }
    int r = ranks[0];
    int node = rootChild[r];
    if (node == -1) {
      node = addChild(r, 0, 1);
      rootChild[r] = node;
    }
    count[node] += c;
    itemTotal[r] += c;
    for (int i = 1; i < length; i++) {
      r = ranks[i];
      int child = firstChild[node];
      while (child != -1 && rank[child] != r) {
        child = sibling[child];
      }
      if (child == -1) {
        child = addChild(r, node, i + 1);
      }
      count[child] += c;
      itemTotal[r] += c;
      node = child;
    }
  }

  private int addChild(int r, int parentNode, int depth) {
    if (firstChild[parentNode] != -1) {
      branched = true;
    }
    int child = addNode(r, parentNode);
    depthOf[child] = depth;
    firstChild[child] = -1;
    sibling[child] = firstChild[parentNode];
    firstChild[parentNode] = child;
    return child;
  }

  private int addNode(int r, int parentNode) {
    if (size == rank.length) {
      int capacity = size * 2;
      rank = Arrays.copyOf(rank, capacity);
      count = Arrays.copyOf(count, capacity);
      parent = Arrays.copyOf(parent, capacity);
      link = Arrays.copyOf(link, capacity);
      if (firstChild.length > 0) {
        firstChild = Arrays.copyOf(firstChild, capacity);
        sibling = Arrays.copyOf(sibling, capacity);
        depthOf = Arrays.copyOf(depthOf, capacity);
      }
    }
    int n = size++;
    rank[n] = r;
    count[n] = 0;
    parent[n] = parentNode;
    link[n] = head[r];
    head[r] = n;
    return n;
  }
}
