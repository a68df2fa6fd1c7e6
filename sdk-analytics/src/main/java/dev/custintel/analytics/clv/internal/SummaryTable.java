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
  private int[] slots; // group index + 1 per slot; 0 when empty
  private int mask;
  private int[] xs;
  private long[] firsts;
  private long[] seconds;
  private long[] counts;
  private int size;

  /** @param expected expected number of entries (not groups); sizes the table once for the worst case */
  public SummaryTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    slots = new int[capacity];
    mask = capacity - 1;
    int groups = Math.max(16, Math.min(expected, 1 << 20));
    xs = new int[groups];
    firsts = new long[groups];
    seconds = new long[groups];
    counts = new long[groups];
  }

  /**
   * Adds one summary with a weight.
   *
   * @return the index of its group, from 0 in first-seen order
   */
  public int add(int x, double first, double second, long weight) {
    long a = Double.doubleToLongBits(first);
    long b = Double.doubleToLongBits(second);
    int slot = (int) mix(a * 31 + x ^ mix(b)) & mask;
    while (true) {
      int g = slots[slot] - 1;
      if (g < 0) {
        if (size == xs.length) {
          grow();
        }
        xs[size] = x;
        firsts[size] = a;
        seconds[size] = b;
        counts[size] = weight;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
          rehash();
        }
        return size - 1;
      }
      if (xs[g] == x && firsts[g] == a && seconds[g] == b) {
        counts[g] += weight;
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
    return xs[g];
  }

  /** @return the first double of group {@code g} */
  public double first(int g) {
    return Double.longBitsToDouble(firsts[g]);
  }

  /** @return the second double of group {@code g} */
  public double second(int g) {
    return Double.longBitsToDouble(seconds[g]);
  }

  /** @return the summed weight of group {@code g} */
  public long count(int g) {
    return counts[g];
  }

  private void grow() {
    int n = xs.length * 2;
    xs = Arrays.copyOf(xs, n);
    firsts = Arrays.copyOf(firsts, n);
    seconds = Arrays.copyOf(seconds, n);
    counts = Arrays.copyOf(counts, n);
  }

  private void rehash() {
    int capacity = slots.length * 2;
    slots = new int[capacity];
    mask = capacity - 1;
    for (int g = 0; g < size; g++) {
      int slot = (int) mix(firsts[g] * 31 + xs[g] ^ mix(seconds[g])) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = g + 1;
    }
  }

  // The 64-bit finaliser of MurmurHash3 (published constants).
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
