package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.BgNbdParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * P(X(t) = n) of the modified BG/NBD, checked against what any distribution of purchase counts must satisfy with
 * the model's own closed forms: the probabilities sum to 1, their mean is E[X(t)], and P(X(t) = 0) is the
 * closed form b/(a+b) (α/(α+t))^r + a/(a+b) (no purchase while alive, or gone at the first purchase).
 */
class ModifiedBgNbdPurchaseCountTest {
  // Published modified BG/NBD fit on the CDNOW sample (analytics-reference.md).
  private static final BgNbdParameters CDNOW = new BgNbdParameters(0.525, 6.183, 0.891, 1.614);
  private static final ModifiedBgNbdModel MODEL = ModifiedBgNbdModel.of(CDNOW);

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 1.0, 39.0, 78.0})
  void distributionSumsToOne_withTheModelsMean(double t) {
    double total = 0.0;
    double mean = 0.0;
    // The counts' tail decays like (t/(α+t))^n: 1,500 terms leave less than 1e-30 at t = 78 weeks.
    for (int n = 0; n <= 1_500; n++) {
      double p = MODEL.probabilityOfPurchases(n, t);
      assertThat(p).isBetween(0.0, 1.0);
      total += p;
      mean += n * p;
    }
    assertThat(total).isCloseTo(1.0, within(1e-9));
    assertThat(mean).isCloseTo(MODEL.expectedPurchases(t), within(1e-7 * (1 + MODEL.expectedPurchases(t))));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 2.0, 39.0})
  void noPurchase_isTheClosedForm(double t) {
    double a = CDNOW.a();
    double b = CDNOW.b();
    double expected = b / (a + b) * Math.pow(CDNOW.alpha() / (CDNOW.alpha() + t), CDNOW.r()) + a / (a + b);
    assertThat(MODEL.probabilityOfPurchases(0, t)).isCloseTo(expected, within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, -10})
  void negativeCount_isRejected(int n) {
    assertThatThrownBy(() -> MODEL.probabilityOfPurchases(n, 1.0))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("n"));
    assertThatThrownBy(() -> MODEL.probabilityOfPurchases(1, -1.0))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("t"));
  }
}
