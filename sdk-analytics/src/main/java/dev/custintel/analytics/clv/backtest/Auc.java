package dev.custintel.analytics.clv.backtest;

import dev.custintel.core.InvalidInputException;
import java.util.Arrays;
import java.util.Comparator;

/** Area under the ROC curve, computed exactly from ranks. */
public final class Auc {

  private Auc() {}

  /**
   * The Mann–Whitney estimate of P(score of a random positive &gt; score of a random negative), counting ties as
   * one half: {@code (R₊ − n₊(n₊+1)/2) / (n₊ n₋)} with {@code R₊} the sum of the positives' ranks, tied scores
   * sharing their average rank. O(n log n).
   *
   * @param scores one finite score per item; higher means "more likely positive"
   * @param positive whether each item is positive; same length as {@code scores}
   * @return the AUC in [0, 1]
   * @throws InvalidInputException naming {@code scores} when a score is not finite or the lengths differ, or
   *     {@code positive} when all items are positive or all are negative (the AUC is undefined)
   */
  public static double of(double[] scores, boolean[] positive) {
    if (scores.length != positive.length) {
      throw InvalidInputException.argument(
          "scores", "must have one entry per label (" + scores.length + " scores, " + positive.length + " labels)");
    }
    int n = scores.length;
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(scores[i])) {
        throw InvalidInputException.argument("scores", "must be finite (scores[" + i + "] was " + scores[i] + ")");
      }
      if (positive[i]) {
        positives++;
      }
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw InvalidInputException.argument(
          "positive", "must contain both classes (" + positives + " positive, " + negatives + " negative)");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    // Ranks are 1-based; a run of ties from position i to j-1 shares rank (i + 1 + j) / 2. Twice the rank is an
    // integer, so the rank sum is accumulated exactly in a long as 2 R₊.
    long twiceRankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && scores[order[j]] == scores[order[i]]) {
        j++;
      }
      long twiceRank = (long) i + 1 + j;
      for (int k = i; k < j; k++) {
        if (positive[order[k]]) {
          twiceRankSum += twiceRank;
        }
      }
      i = j;
    }
    // 2 U = 2 R₊ − n₊(n₊+1), exact in a long for any realistic n.
    long twiceU = twiceRankSum - positives * (positives + 1);
    return twiceU / (2.0 * positives * negatives);
  }
}
