package dev.custintel.analytics.clv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link Normal} against reference values from scipy 1.17 ({@code scipy.stats.norm.cdf/ppf}), confirmed to 30
 * digits with mpmath 1.3 ({@code ncdf}, {@code sqrt(2)·erfinv(2p−1)}).
 */
class NormalTest {

  @Test
  void cdf_referenceValues() {
    assertThat(Normal.cdf(0.0)).isEqualTo(0.5);
    assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-12));
    assertThat(Normal.cdf(-1.0)).isCloseTo(0.15865525393145707, within(1e-12));
    assertThat(Normal.cdf(3.0)).isCloseTo(0.9986501019683699, within(1e-12));
    assertThat(Normal.cdf(5.0)).isCloseTo(0.9999997133484281, within(1e-14));
    // Far tail: absolute accuracy as documented (about 1e-14).
    assertThat(Normal.cdf(-7.5)).isCloseTo(3.1908916729108844e-14, within(1e-14));
    assertThat(Normal.cdf(9.0)).isEqualTo(1.0);
    assertThat(Normal.cdf(-9.0)).isEqualTo(0.0);
    assertThat(Normal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(Normal.cdf(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
  }

  @Test
  void cdf_symmetricAndIncreasing() {
    double previous = 0.0;
    for (double x = -8.0; x <= 8.0; x += 0.05) {
      double c = Normal.cdf(x);
      assertThat(c + Normal.cdf(-x)).as("x=%s", x).isCloseTo(1.0, within(1e-15));
      // Increasing up to the documented absolute accuracy (the series cancels in the far lower tail).
      assertThat(c).as("x=%s", x).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous - 1e-15);
      previous = c;
    }
  }

  @Test
  void quantile_referenceValues() {
    assertThat(Normal.quantile(0.95)).isCloseTo(1.6448536269514722, within(1e-12));
    assertThat(Normal.quantile(0.05)).isCloseTo(-1.6448536269514722, within(1e-12));
    assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-12));
    assertThat(Normal.quantile(0.995)).isCloseTo(2.5758293035489004, within(1e-12));
    assertThat(Normal.quantile(0.5)).isCloseTo(0.0, within(1e-15));
    // In the far tail only as accurate as the cdf's absolute error (about 1e-15 there) over φ(6.36) = 6.4e-10.
    assertThat(Normal.quantile(1e-10)).isCloseTo(-6.361340902404056, within(2e-6));
  }

  @Test
  void quantile_invertsCdf_andIsSymmetric() {
    for (double x = -5.0; x <= 5.0; x += 0.25) {
      assertThat(Normal.quantile(Normal.cdf(x))).as("x=%s", x).isCloseTo(x, within(1e-9));
    }
    for (double p = 0.01; p < 0.5; p += 0.01) {
      assertThat(Normal.quantile(p) + Normal.quantile(1.0 - p)).as("p=%s", p).isCloseTo(0.0, within(1e-12));
    }
  }

  @Test
  void quantile_outsideOpenUnitInterval_throws() {
    for (double p : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Normal.quantile(p)).as("p=%s", p)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(0, 1)");
    }
  }
}
