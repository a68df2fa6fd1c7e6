package dev.custintel.analytics.clv.internal;

import java.util.Arrays;

/**
 * Groups summaries by an exact key of a frequency and two doubles, in first-seen order, with counts: an
 * open-addressing hash table over primitive arrays. Compressing a million summaries with a {@code HashMap} of
 * record keys spent most of its time allocating and chasing the keys, nodes and boxed counts; this table does
 * neither. Doubles are compared by their bits ({@code -0.0} and {@code 0.0} differ, as in {@link Double#equals}).
 * Not thread-safe. Not API.
 */
public final class SummaryTable {
  // Each group is four longs side by side: the bits of the first double, the bits of the second, the frequency and
  // the count. A lookup in a table of a million groups misses the cache; with the key and count of a group in one
  // place it misses once or twice (slot, group) instead of once per array.
  private static final int STRIDE = 4;

  private int[] slots; // group index + 1 per slot; 0 when empty
  private int mask;
  private long[] groups;
  private int size;

  /**
   * @param expected expected number of entries (not groups); the table starts at a quarter of it (many entries
   *     usually share a group) and grows as needed
   */
  public SummaryTable(int expected) {
    this(Math.max(16, expected / 4), 0);
  }

  /**
   * A table for entries that are mostly distinct (pairs with a continuous amount, say), sized for {@code groups}
   * groups from the start: growing from a quarter would rehash every group twice on the way.
   *
   * @param groups expected number of groups
   * @return the table
   */
  public static SummaryTable forDistinct(int groups) {
    return new SummaryTable(Math.max(16, groups), 0);
  }

  // The second parameter only tells this constructor apart from the public one.
  private SummaryTable(int start, int unused) {
    int capacity = Integer.highestOneBit(start * 2 - 1) << 1;
    slots = new int[capacity];
    mask = capacity - 1;
    groups = new long[Math.min(start, 1 << 20) * STRIDE];
  }

  /**
   * Adds one summary with a weight.
   *
   * @return the index of its group, from 0 in first-seen order
   */
  public int add(int x, double first, double second, long weight) {
    long a = Double.doubleToLongBits(first);
    long b = Double.doubleToLongBits(second);
    int slot = hash(a, b, x) & mask;
    while (true) {
      int g = slots[slot] - 1;
      if (g < 0) {
        int at = size * STRIDE;
        if (at == groups.length) {
          groups = Arrays.copyOf(groups, groups.length * 2);
        }
        groups[at] = a;
        groups[at + 1] = b;
        groups[at + 2] = x;
        groups[at + 3] = weight;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
          rehash();
        }
        return size - 1;
      }
      int at = g * STRIDE;
      if (groups[at] == a && groups[at + 1] == b && groups[at + 2] == x) {
        groups[at + 3] += weight;
        return g;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** @return the number of groups */
  public int size() {
    return size;
  }

  /** @return the frequency of group {@code g} */
  public int x(int g) {
    return (int) groups[g * STRIDE + 2];
  }

  /** @return the first double of group {@code g} */
  public double first(int g) {
    return Double.longBitsToDouble(groups[g * STRIDE]);
  }

  /** @return the second double of group {@code g} */
  public double second(int g) {
    return Double.longBitsToDouble(groups[g * STRIDE + 1]);
  }

  /** @return the summed weight of group {@code g} */
  public long count(int g) {
    return groups[g * STRIDE + 3];
  }

  private void rehash() {
    int capacity = slots.length * 2;
    slots = new int[capacity];
    mask = capacity - 1;
    for (int g = 0; g < size; g++) {
      int at = g * STRIDE;
      int slot = hash(groups[at], groups[at + 1], (int) groups[at + 2]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = g + 1;
    }
  }

  private static int hash(long a, long b, int x) {
    return (int) mix(a * 31 + x ^ mix(b));
  }

  // The 64-bit finaliser of MurmurHash3 (published constants).
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
