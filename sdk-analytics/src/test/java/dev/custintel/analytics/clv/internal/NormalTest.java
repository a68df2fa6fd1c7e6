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
    assertThat(Normal.cdf(9.0)).isEqualTo(1.0);
    assertThat(Normal.cdf(-9.0)).isCloseTo(1.1285884059538406e-19, within(1e-31));
    assertThat(Normal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(Normal.cdf(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
  }

  @Test
  void cdf_lowerTail_hasFullRelativeAccuracy() {
    // mpmath 1.3 ncdf at 40 digits. A p-value of a large effect lives here: 0 or a rounding residue is wrong.
    double[][] reference = {
      {-3.0, 0.0013498980316300945}, {-3.5, 0.00023262907903552504}, {-5.0, 2.8665157187919391e-7},
      {-7.5, 3.1908916729108962e-14}, {-8.5, 9.4795348222033184e-18}, {-10.0, 7.6198530241605261e-24},
      {-13.919590086835868, 2.4082926674351606e-44}, {-20.0, 2.7536241186062337e-89},
      {-30.0, 4.9067139271481871e-198}, {-37.5, 4.6053530095819548e-308}
    };
    for (double[] r : reference) {
      assertThat(Normal.cdf(r[0])).as("x=%s", r[0]).isCloseTo(r[1], within(r[1] * 1e-12));
    }
    assertThat(Normal.cdf(-40.0)).isEqualTo(0.0); // below the smallest double
  }

  @Test
  void cdf_symmetricAndIncreasing() {
    double previous = 0.0;
    for (double x = -8.0; x <= 8.0; x += 0.05) {
      double c = Normal.cdf(x);
      assertThat(c + Normal.cdf(-x)).as("x=%s", x).isCloseTo(1.0, within(1e-15));
      // Increasing, up to the series' rounding near the centre.
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
