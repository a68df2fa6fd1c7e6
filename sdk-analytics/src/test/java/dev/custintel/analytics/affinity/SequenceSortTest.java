package dev.custintel.analytics.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The flat-sequence sorts against a boxed reference sort, over alphabets and sizes that take each of their paths. */
class SequenceSortTest {

  /** Random sequences, each ascending or not, with duplicates and empty ones. */
  private static int[][] randomSequences(Random random, int count, int alphabet, int maxLength) {
    int[][] sequences = new int[count][];
    for (int s = 0; s < count; s++) {
      if (s > 0 && random.nextInt(5) == 0) {
        sequences[s] = sequences[random.nextInt(s)].clone();
        continue;
      }
      int[] seq = new int[random.nextInt(maxLength + 1)];
      for (int i = 0; i < seq.length; i++) {
        // Skewed, so that long runs share prefixes.
        seq[i] = (int) (alphabet * Math.pow(random.nextDouble(), 2));
      }
      sequences[s] = seq;
    }
    return sequences;
  }

  private static int[] offsets(int[][] sequences) {
    int[] offsets = new int[sequences.length + 1];
    for (int s = 0; s < sequences.length; s++) {
      offsets[s + 1] = offsets[s] + sequences[s].length;
    }
    return offsets;
  }

  private static int[] flat(int[][] sequences) {
    return Arrays.stream(sequences).flatMapToInt(Arrays::stream).toArray();
  }

  private static List<String> inOrder(int[][] sequences, int[] order) {
    List<String> out = new ArrayList<>();
    for (int s : order) {
      out.add(Arrays.toString(sequences[s]));
    }
    return out;
  }

  private static List<String> reference(int[][] sequences, Comparator<int[]> comparator) {
    return Arrays.stream(sequences).sorted(comparator).map(Arrays::toString).toList();
  }

  @Test
  void lexicographic_randomSequences_matchesReferenceSort() {
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      int count = new int[] {0, 1, 5, 11, 40, 300, 3000}[(int) (seed % 7)];
      int alphabet = new int[] {1, 2, 5, 30, 1000}[(int) (seed % 5)];
      int[][] sequences = randomSequences(random, count, alphabet, 1 + random.nextInt(12));
      int[] order = new int[count];
      Arrays.setAll(order, s -> s);
      SequenceSort.lexicographic(flat(sequences), offsets(sequences), order, 0, count, alphabet);
      assertThat(inOrder(sequences, order)).as("seed %d", seed)
          .isEqualTo(reference(sequences, Arrays::compare));
    }
  }

  @Test
  void byLengthThenLexicographic_randomSequences_matchesReferenceSort() {
    Comparator<int[]> byLength = Comparator.comparingInt(a -> a.length);
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      int count = new int[] {0, 1, 5, 11, 40, 300, 3000}[(int) (seed % 7)];
      int alphabet = new int[] {1, 2, 5, 30, 1000}[(int) (seed % 5)];
      int[][] sequences = randomSequences(random, count, alphabet, 1 + random.nextInt(8));
      int[] order = SequenceSort.byLengthThenLexicographic(flat(sequences), offsets(sequences), count, alphabet);
      assertThat(inOrder(sequences, order)).as("seed %d", seed)
          .isEqualTo(reference(sequences, byLength.thenComparing(Arrays::compare)));
    }
  }
}
