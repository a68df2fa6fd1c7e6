package dev.custintel.analytics.clv;

import static dev.custintel.analytics.clv.CustomerValueModelTest.assertInvalid;
import static dev.custintel.analytics.clv.CustomerValueModelTest.assertNullArgument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.summary.PeriodUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Horizon}, {@link ValuationOptions} and {@link ParameterCovariance}. */
class ValuationInputsTest {

  // --- Horizon ----------------------------------------------------------------------------------------------------

  @Test
  void horizon_conversions() {
    assertThat(Horizon.DAYS_PER_MONTH).isEqualTo(365.25 / 12.0);
    assertThat(Horizon.months(12).months()).isEqualTo(12.0);
    assertThat(Horizon.months(12).days()).isEqualTo(365.25);
    assertThat(Horizon.months(12).in(PeriodUnit.WEEKS)).isEqualTo(365.25 / 7.0);
    assertThat(Horizon.months(12).in(PeriodUnit.DAYS)).isEqualTo(365.25);
    assertThat(Horizon.weeks(39).days()).isEqualTo(273.0);
    assertThat(Horizon.weeks(39).in(PeriodUnit.WEEKS)).isCloseTo(39.0, within(1e-12));
    assertThat(Horizon.weeks(39).months()).isCloseTo(273.0 / 30.4375, within(1e-12));
    assertThat(Horizon.days(14).in(PeriodUnit.WEEKS)).isEqualTo(2.0);
    assertThat(Horizon.months(1.5).days()).isCloseTo(1.5 * 30.4375, within(1e-12));
    assertThat(Horizon.days(10)).isEqualTo(new Horizon(10.0));
  }

  @Test
  void horizon_toString_monthsWhenWhole() {
    assertThat(Horizon.months(12)).hasToString("12 months");
    assertThat(Horizon.days(10)).hasToString("10.0 days");
    assertThat(Horizon.weeks(1)).hasToString("7.0 days");
  }

  @Test
  void horizon_limits() {
    // 100 years of 365.25 days = 1200 months of 30.4375 days, exactly.
    assertThat(Horizon.months(1200).days()).isEqualTo(36525.0);
    assertThat(Horizon.days(Double.MIN_VALUE).days()).isPositive();
    for (double days : new double[] {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 36525.001}) {
      assertInvalid(() -> Horizon.days(days), "horizon");
    }
    assertInvalid(() -> Horizon.weeks(-2), "horizon");
    assertInvalid(() -> Horizon.weeks(0), "horizon");
    assertInvalid(() -> Horizon.months(1200.001), "horizon");
    assertInvalid(() -> Horizon.months(Double.NaN), "horizon");
    assertInvalid(() -> new Horizon(-5), "horizon");
  }

  // --- ValuationOptions -------------------------------------------------------------------------------------------

  @Test
  void options_defaults() {
    ValuationOptions d = ValuationOptions.defaults();
    assertThat(d.horizon()).isEqualTo(Horizon.months(12));
    assertThat(d.monthlyDiscountRate()).isEqualTo(0.01);
    assertThat(d.intervalLevel()).isEqualTo(0.9);
  }

  @Test
  void options_withers_changeOneField() {
    ValuationOptions d = ValuationOptions.defaults();
    assertThat(d.withHorizon(Horizon.weeks(4))).isEqualTo(new ValuationOptions(Horizon.weeks(4), 0.01, 0.9));
    assertThat(d.withMonthlyDiscountRate(0.0)).isEqualTo(new ValuationOptions(Horizon.months(12), 0.0, 0.9));
    assertThat(d.withIntervalLevel(0.95)).isEqualTo(new ValuationOptions(Horizon.months(12), 0.01, 0.95));
    assertThat(d.withMonthlyDiscountRate(0.999).monthlyDiscountRate()).isEqualTo(0.999);
  }

  @Test
  void options_invalid_namesTheField() {
    Horizon h = Horizon.months(12);
    for (double rate : new double[] {-0.01, 1.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertInvalid(() -> new ValuationOptions(h, rate, 0.9), "monthlyDiscountRate");
      assertInvalid(() -> ValuationOptions.defaults().withMonthlyDiscountRate(rate), "monthlyDiscountRate");
    }
    for (double level : new double[] {0.0, 1.0, -0.5, 1.2, Double.NaN}) {
      assertInvalid(() -> new ValuationOptions(h, 0.01, level), "intervalLevel");
      assertInvalid(() -> ValuationOptions.defaults().withIntervalLevel(level), "intervalLevel");
    }
    assertNullArgument(() -> new ValuationOptions(null, 0.01, 0.9), "horizon");
    assertNullArgument(() -> ValuationOptions.defaults().withHorizon(null), "horizon");
  }

  // --- ParameterCovariance ----------------------------------------------------------------------------------------

  @Test
  void covariance_accessorsAndCorrelation() {
    ParameterCovariance c = new ParameterCovariance(List.of("x", "y"), new double[][] {{4.0, 2.0}, {2.0, 9.0}});
    assertThat(c.names()).containsExactly("x", "y");
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.logCovariance(0, 1)).isEqualTo(2.0);
    assertThat(c.logCovariance(1, 1)).isEqualTo(9.0);
    assertThat(c.correlation(0, 1)).isCloseTo(1.0 / 3.0, within(1e-15));
    assertThat(c.correlation(1, 0)).isCloseTo(1.0 / 3.0, within(1e-15));
    assertThat(c.correlation(0, 0)).isCloseTo(1.0, within(1e-15));
    assertThat(c.toString()).contains("x=2.0", "y=3.0", "log scale");
  }

  @Test
  void covariance_copiesInAndOut() {
    double[][] m = {{4.0, 2.0}, {2.0, 9.0}};
    List<String> names = new ArrayList<>(List.of("x", "y"));
    ParameterCovariance c = new ParameterCovariance(names, m);
    m[0][1] = 100.0;
    names.set(0, "changed");
    assertThat(c.logCovariance(0, 1)).isEqualTo(2.0);
    assertThat(c.names()).containsExactly("x", "y");
    double[][] out = c.logCovarianceMatrix();
    assertThat(out).isDeepEqualTo(new double[][] {{4.0, 2.0}, {2.0, 9.0}});
    out[1][1] = -1.0;
    out[0] = new double[] {0.0, 0.0};
    assertThat(c.logCovarianceMatrix()).isDeepEqualTo(new double[][] {{4.0, 2.0}, {2.0, 9.0}});
    assertThat(c.logCovariance(1, 1)).isEqualTo(9.0);
  }

  @Test
  void covariance_invalid_namesLogScale() {
    List<String> two = List.of("x", "y");
    assertInvalid(() -> new ParameterCovariance(two, new double[][] {{1.0}}), "logScale");
    assertInvalid(() -> new ParameterCovariance(two, new double[][] {{1, 0}, {0, 1}, {0, 0}}), "logScale");
    assertInvalid(() -> new ParameterCovariance(two, new double[][] {{1, 0}, {0}}), "logScale");
    assertInvalid(() -> new ParameterCovariance(two, new double[][] {{1, 0, 0}, {0, 1, 0}}), "logScale");
    assertInvalid(() -> new ParameterCovariance(two, new double[][] {{1, Double.NaN}, {0, 1}}), "logScale");
    assertInvalid(() -> new ParameterCovariance(two, new double[][] {{1, 0}, {Double.NEGATIVE_INFINITY, 1}}),
        "logScale");
    assertInvalid(() -> new ParameterCovariance(two, new double[][] {{0, 0}, {0, 1}}), "logScale");
    assertInvalid(() -> new ParameterCovariance(two, new double[][] {{1, 0}, {0, -2}}), "logScale");
  }

  @Test
  void covariance_ofFits_symmetricWithCorrelationsInRange() {
    List<ParameterCovariance> fitted = new ArrayList<>();
    for (PurchaseModelKind kind : PurchaseModelKind.values()) {
      ParameterCovariance c = CdnowValueFixture.purchases(kind).covariance().orElseThrow();
      assertThat(c.names()).isEqualTo(kind.parameterNames());
      fitted.add(c);
    }
    ParameterCovariance spend = CdnowValueFixture.spend().covariance().orElseThrow();
    assertThat(spend.names()).containsExactly("p", "q", "gamma");
    fitted.add(spend);
    for (ParameterCovariance c : fitted) {
      assertThat(c.logCovarianceMatrix()).hasNumberOfRows(c.size());
      for (int i = 0; i < c.size(); i++) {
        assertThat(c.logCovariance(i, i)).isPositive();
        assertThat(c.correlation(i, i)).isCloseTo(1.0, within(1e-12));
        for (int j = 0; j < c.size(); j++) {
          assertThat(c.logCovariance(i, j)).isCloseTo(c.logCovariance(j, i), within(1e-12 * c.logCovariance(i, i)));
          assertThat(c.correlation(i, j)).as("%s (%d, %d)", c, i, j).isBetween(-1.0, 1.0);
        }
      }
      // Positive definite: a Cholesky factor exists.
      assertThat(CustomerValueIntervalMonteCarloTest.cholesky(c.logCovarianceMatrix())).hasNumberOfRows(c.size());
    }
  }
}
