package dev.custintel.analytics.affinity;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Sorts int sequences stored flat (sequence {@code s} is {@code data[offsets[s] .. offsets[s + 1])}) without boxing:
 * the sort permutes an array of sequence indices. Order: lexicographic on the elements, a proper prefix before its
 * extensions; elements must be non-negative.
 *
 * <p>Multikey (three-way radix) quicksort, Bentley &amp; Sedgewick (1997), "Fast algorithms for sorting and searching
 * strings", SODA: each step partitions by one element position, so common prefixes are compared once rather than
 * once per comparison. The recursion goes into the two smaller parts and loops on the largest, so its depth is
 * O(log n + longest sequence). Runs much larger than the alphabet take a counting-sort step instead of partitioning
 * (MSD radix sort), and runs of sequences of one length over a small alphabet are LSD radix sorted.
 */
final class SequenceSort {
  private static final int INSERTION_SORT_BELOW = 12;

  private SequenceSort() {}

  /**
   * @param alphabet an upper bound on the elements: all are in {@code 0..alphabet−1}
   * @return the sequence indices {@code 0..count−1} ordered by length, then lexicographically
   */
  static int[] byLengthThenLexicographic(int[] data, int[] offsets, int count, int alphabet) {
    int maxLength = 0;
    for (int s = 0; s < count; s++) {
      maxLength = Math.max(maxLength, offsets[s + 1] - offsets[s]);
    }
    // Counting sort by length; then each run of equal length is sorted lexicographically.
    int[] start = new int[maxLength + 2];
    for (int s = 0; s < count; s++) {
      start[offsets[s + 1] - offsets[s] + 1]++;
    }
    for (int len = 1; len < start.length; len++) {
      start[len] += start[len - 1];
    }
    int[] order = new int[count];
    int[] next = start.clone();
    for (int s = 0; s < count; s++) {
      order[next[offsets[s + 1] - offsets[s]]++] = s;
    }
    for (int len = 1; len <= maxLength; len++) {
      if (alphabet <= 2 * (start[len + 1] - start[len])) {
        radixSort(data, offsets, order, start[len], start[len + 1], len, alphabet);
      } else {
        lexicographic(data, offsets, order, start[len], start[len + 1], alphabet);
      }
    }
    return order;
  }

  /**
   * Sorts {@code order[lo..hi)}, sequences of the same length, by least-significant-digit radix sort: one stable
   * counting sort per position, last to first. Linear when the alphabet is no larger than the number of sequences.
   */
  private static void radixSort(int[] data, int[] offsets, int[] order, int lo, int hi, int length, int alphabet) {
    int n = hi - lo;
    int[] sequences = Arrays.copyOfRange(order, lo, hi);
    int[] from = new int[n];
    for (int i = 0; i < n; i++) {
      from[i] = offsets[sequences[i]];
    }
    int[] sequencesOut = new int[n];
    int[] fromOut = new int[n];
    int[] bucket = new int[alphabet + 1];
    for (int position = length - 1; position >= 0; position--) {
      Arrays.fill(bucket, 0);
      for (int i = 0; i < n; i++) {
        bucket[data[from[i] + position] + 1]++;
      }
      for (int k = 1; k <= alphabet; k++) {
        bucket[k] += bucket[k - 1];
      }
      for (int i = 0; i < n; i++) {
        int at = bucket[data[from[i] + position]]++;
        sequencesOut[at] = sequences[i];
        fromOut[at] = from[i];
      }
      int[] t = sequences;
      sequences = sequencesOut;
      sequencesOut = t;
      t = from;
      from = fromOut;
      fromOut = t;
    }
    System.arraycopy(sequences, 0, order, lo, n);
  }

  /**
   * Sorts {@code order[lo..hi)} lexicographically.
   *
   * @param alphabet an upper bound on the elements: all are in {@code 0..alphabet−1}
   */
  static void lexicographic(int[] data, int[] offsets, int[] order, int lo, int hi, int alphabet) {
    // Each sequence's range (start << 32 | end) moves with its index, so a key costs one read of data, not two
    // dependent random reads.
    long[] ranges = new long[hi - lo];
    for (int i = lo; i < hi; i++) {
      ranges[i - lo] = (long) offsets[order[i]] << 32 | offsets[order[i] + 1];
    }
    new Sorter(data, order, ranges, lo, alphabet).sort(lo, hi, 0);
  }

  /** The arrays of one sort; {@code ranges[i − base]} belongs to {@code order[i]}. */
  private static final class Sorter {
    private final int[] data;
    private final int[] order;
    private final long[] ranges;
    private final int base;
    private final int alphabet;
    private int @Nullable [] orderCopy;
    private long @Nullable [] rangesCopy;

    Sorter(int[] data, int[] order, long[] ranges, int base, int alphabet) {
      this.data = data;
      this.order = order;
      this.ranges = ranges;
      this.base = base;
      this.alphabet = alphabet;
    }

    /** Sorts {@code order[lo..hi)}, whose sequences agree on their first {@code depth} elements. */
    void sort(int lo, int hi, int depth) {
      while (hi - lo > 1) {
        if (hi - lo < INSERTION_SORT_BELOW) {
          insertionSort(lo, hi, depth);
          return;
        }
        if (hi - lo >= 2 * alphabet) {
          bucketSort(lo, hi, depth);
          return;
        }
        int pivot = medianOfThree(key(lo, depth), key((lo + hi) >>> 1, depth), key(hi - 1, depth));
        // Dijkstra's three-way partition: [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot.
        int lt = lo;
        int gt = hi;
        int i = lo;
        while (i < gt) {
          int k = key(i, depth);
          if (k < pivot) {
            swap(lt++, i++);
          } else if (k > pivot) {
            swap(i, --gt);
          } else {
            i++;
          }
        }
        int less = lt - lo;
        int equal = pivot < 0 ? 0 : gt - lt; // sequences that all ended here are equal: nothing to sort
        int greater = hi - gt;
        if (less >= equal && less >= greater) {
          if (equal > 1) {
            sort(lt, gt, depth + 1);
          }
          sort(gt, hi, depth);
          hi = lt;
        } else if (greater >= equal) {
          sort(lo, lt, depth);
          if (equal > 1) {
            sort(lt, gt, depth + 1);
          }
          lo = gt;
        } else {
          sort(lo, lt, depth);
          sort(gt, hi, depth);
          lo = lt;
          hi = gt;
          depth++;
        }
      }
    }

    /**
     * One MSD radix step for a run much larger than the alphabet: a counting sort by element {@code depth} in one pass
     * (partitioning would take about log2(alphabet) passes), then each bucket by the next element.
     */
    private void bucketSort(int lo, int hi, int depth) {
      // Bucket b holds the key b − 1: bucket 0 the sequences that end before depth.
      int[] start = new int[alphabet + 2];
      for (int i = lo; i < hi; i++) {
        start[key(i, depth) + 2]++;
      }
      for (int b = 1; b < start.length; b++) {
        start[b] += start[b - 1];
      }
      int[] next = start.clone();
      if (orderCopy == null || rangesCopy == null) {
        orderCopy = new int[ranges.length];
        rangesCopy = new long[ranges.length];
      }
      int[] orderOut = orderCopy;
      long[] rangesOut = rangesCopy;
      for (int i = lo; i < hi; i++) {
        int at = next[key(i, depth) + 1]++;
        orderOut[at] = order[i];
        rangesOut[at] = ranges[i - base];
      }
      System.arraycopy(orderOut, 0, order, lo, hi - lo);
      System.arraycopy(rangesOut, 0, ranges, lo - base, hi - lo);
      for (int b = 1; b <= alphabet; b++) {
        sort(lo + start[b], lo + start[b + 1], depth + 1);
      }
    }

    private void insertionSort(int lo, int hi, int depth) {
      for (int i = lo + 1; i < hi; i++) {
        for (int j = i; j > lo && compare(j - 1, j, depth) > 0; j--) {
          swap(j - 1, j);
        }
      }
    }

    private int compare(int a, int b, int depth) {
      long rangeA = ranges[a - base];
      long rangeB = ranges[b - base];
      int i = (int) (rangeA >>> 32) + depth;
      int j = (int) (rangeB >>> 32) + depth;
      int endA = (int) rangeA;
      int endB = (int) rangeB;
      while (i < endA && j < endB) {
        if (data[i] != data[j]) {
          return Integer.compare(data[i], data[j]);
        }
        i++;
        j++;
      }
      return Integer.compare(endA - i, endB - j);
    }

    /** @return element {@code depth} of the sequence at {@code order[i]}, or −1 past its end */
    private int key(int i, int depth) {
      long range = ranges[i - base];
      int at = (int) (range >>> 32) + depth;
      return at < (int) range ? data[at] : -1;
    }

    private void swap(int i, int j) {
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      long r = ranges[i - base];
      ranges[i - base] = ranges[j - base];
      ranges[j - base] = r;
    }
  }

  private static int medianOfThree(int a, int b, int c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
