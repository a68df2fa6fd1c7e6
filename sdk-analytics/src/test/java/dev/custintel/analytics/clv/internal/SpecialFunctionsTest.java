package dev.custintel.analytics.clv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecialFunctionsTest {

  // Reference values from mpmath at 30 digits.
  @ParameterizedTest
  @CsvSource({
    "0.001, 6.9071788853838536617",
    "0.5, 0.57236494292470008707",
    "3.7, 1.4280723266653881292",
    "10, 12.801827480081469611",
    "100, 359.13420536957539878",
    "100000, 1051287.7089736568949",
    "1e10, 220258509288.81058147"
  })
  void logGamma_knownValues_matchToRelative1e13(double x, double expected) {
    assertThat(SpecialFunctions.logGamma(x)).isCloseTo(expected, within(Math.abs(expected) * 1e-13));
  }

  @Test
  void logGamma_oneAndTwo_zeroToAbsolute1e14() {
    assertThat(SpecialFunctions.logGamma(1.0)).isCloseTo(0.0, offset(1e-14));
    assertThat(SpecialFunctions.logGamma(2.0)).isCloseTo(0.0, offset(1e-14));
  }

  @Test
  void logGamma_recurrence_holdsAcrossTheSmallArgumentSwitch() {
    for (double x = 0.05; x < 20; x += 0.37) {
      double lhs = SpecialFunctions.logGamma(x + 1.0);
      double rhs = SpecialFunctions.logGamma(x) + Math.log(x);
      assertThat(lhs).as("x=%s", x).isCloseTo(rhs, offset(1e-13 * Math.max(1.0, Math.abs(lhs))));
    }
  }

  @Test
  void logGamma_nonPositive_throws() {
    assertThatThrownBy(() -> SpecialFunctions.logGamma(0.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpecialFunctions.logGamma(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logBeta_knownValue_matches() {
    assertThat(SpecialFunctions.logBeta(0.8, 2.5)).isCloseTo(-0.55035602902197792828, offset(1e-14));
  }

  @Test
  void hypergeometric2F1_closedForm_matchesMinusLogOneMinusZOverZ() {
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z
    for (double z : new double[] {0.0, 0.1, 0.5, 0.9, 0.999}) {
      double expected = z == 0.0 ? 1.0 : -Math.log1p(-z) / z;
      assertThat(SpecialFunctions.hypergeometric2F1(1, 1, 2, z)).as("z=%s", z)
          .isCloseTo(expected, within(expected * 1e-13));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0.2426, 2.426, 2.2187, 0.9464, 2.3867149151748059119",
    "1.5, 2.5, 3.0, 0.99, 164.93970787168753294"
  })
  void hypergeometric2F1_knownValues_matchToRelative1e12(double a, double b, double c, double z, double expected) {
    assertThat(SpecialFunctions.hypergeometric2F1(a, b, c, z)).isCloseTo(expected, within(expected * 1e-12));
    assertThat(SpecialFunctions.logHypergeometric2F1(a, b, c, z))
        .isCloseTo(Math.log(expected), offset(1e-12));
  }

  @Test
  void logHypergeometric2F1_valueBeyondDoubleRangeOfTerms_staysFinite() {
    // 2F1 ≈ 5.39e136 here; the running sum is rescaled, so the log comes back exactly.
    assertThat(SpecialFunctions.logHypergeometric2F1(1000.2, 1002.4, 1002.2, 0.27))
        .isCloseTo(314.83652133407767485, offset(1e-9));
  }

  @Test
  void hypergeometric2F1_zOutOfRange_throws() {
    assertThatThrownBy(() -> SpecialFunctions.hypergeometric2F1(1, 1, 2, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void log1pExp_extremeArguments_noOverflowOrUnderflowToZero() {
    assertThat(SpecialFunctions.log1pExp(1000.0)).isEqualTo(1000.0);
    assertThat(SpecialFunctions.log1pExp(-40.0)).isCloseTo(Math.exp(-40.0), within(1e-30));
    assertThat(SpecialFunctions.log1pExp(0.0)).isCloseTo(Math.log(2.0), offset(1e-16));
  }
}
