package dev.custintel.analytics.clv.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AucTest {

  @Test
  void knownAnswerWithoutTies() {
    // The scikit-learn roc_auc_score documentation example: 0.75.
    double auc = Auc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
    assertThat(auc).isEqualTo(0.75);
  }

  @Test
  void tiesCountOneHalf() {
    // Positives {0.5, 0.9}, negatives {0.5, 0.2}: pairs 0.5, 1, 1, 1 -> 3.5 / 4.
    double auc = Auc.of(new double[] {0.5, 0.5, 0.2, 0.9}, new boolean[] {true, false, false, true});
    assertThat(auc).isEqualTo(0.875);
  }

  @Test
  void allTiedIsOneHalfAndPerfectSeparationIsOne() {
    assertThat(Auc.of(new double[] {3, 3, 3, 3, 3}, new boolean[] {true, false, true, false, false}))
        .isEqualTo(0.5);
    assertThat(Auc.of(new double[] {1, 2, 3, 4}, new boolean[] {false, false, true, true})).isEqualTo(1.0);
    assertThat(Auc.of(new double[] {1, 2, 3, 4}, new boolean[] {true, true, false, false})).isEqualTo(0.0);
  }

  @Test
  void matchesBruteForcePairCountOnRandomData() {
    Random random = new Random(20240611L);
    for (int round = 0; round < 50; round++) {
      int n = 2 + random.nextInt(400);
      double[] scores = new double[n];
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        // Few distinct values in half of the rounds, so that ties are frequent.
        scores[i] = round % 2 == 0 ? random.nextInt(7) / 6.0 : random.nextDouble();
        positive[i] = random.nextDouble() < 0.3;
      }
      positive[0] = true;
      positive[1] = false;
      assertThat(Auc.of(scores, positive)).isCloseTo(bruteForce(scores, positive), within(1e-12));
    }
  }

  @Test
  void rejectsSingleClassMismatchedLengthsAndNonFiniteScores() {
    assertThatThrownBy(() -> Auc.of(new double[] {1, 2}, new boolean[] {true, true}))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Auc.of(new double[] {1, 2}, new boolean[] {true}))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Auc.of(new double[] {1, Double.NaN}, new boolean[] {true, false}))
        .isInstanceOf(InvalidInputException.class);
  }

  private static double bruteForce(double[] scores, boolean[] positive) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!positive[i]) {
        continue;
      }
      for (int j = 0; j < scores.length; j++) {
        if (positive[j]) {
          continue;
        }
        pairs++;
        if (scores[i] > scores[j]) {
          wins += 1.0;
        } else if (scores[i] == scores[j]) {
          wins += 0.5;
        }
      }
    }
    return wins / pairs;
  }
}
