package dev.custintel.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbabilitiesTest {

  @Test
  void rounded_modelNoise_readsAsFourDecimals() {
    assertThat(Probabilities.rounded(0.999999999999993)).isEqualTo(1.0);
    assertThat(Probabilities.rounded(1.0 - 0.1234)).isEqualTo(0.8766);
    assertThat(Probabilities.rounded(0.08584131494072733)).isEqualTo(0.0858);
    assertThat(Probabilities.rounded(7.3e-17)).isEqualTo(0.0);
  }

  @Test
  void rounded_ties_goToTheEvenDigit() {
    assertThat(Probabilities.rounded(0.12345)).isEqualTo(0.1234);
    assertThat(Probabilities.rounded(0.12355)).isEqualTo(0.1236);
  }

  @Test
  void rounded_aRoundingErrorOutsideTheRange_isClampedAndNanStays() {
    assertThat(Probabilities.rounded(-1e-17)).isEqualTo(0.0);
    assertThat(Probabilities.rounded(1.0000000000000002)).isEqualTo(1.0);
    assertThat(Probabilities.rounded(Double.NaN)).isNaN();
  }
}
