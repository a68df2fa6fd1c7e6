package dev.custintel.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Seasonal naive and additive Holt-Winters on a small series, against values computed by hand (seasonal naive) and
 * by an independent Python implementation of the textbook recursion (Hyndman &amp; Athanasopoulos §8.3, classical
 * start), including the grid search over (α, β, γ).
 */
class SeasonalModelsTest {
  private static final double[] SERIES = {10, 20, 30, 12, 22, 33, 14, 25, 35};

  @Test
  void seasonalNaive_repeatsTheLastSeason() {
    assertThat(SeasonalNaive.forecast(new double[] {1, 2, 3, 4, 5, 6, 7}, 3, 4)).containsExactly(5, 6, 7, 5);
    assertThat(SeasonalNaive.forecast(new double[] {4, 9}, 1, 3)).containsExactly(9, 9, 9);
  }

  @Test
  void seasonalNaive_shorterThanASeason_namesTheHistory() {
    assertThatThrownBy(() -> SeasonalNaive.forecast(new double[] {1, 2}, 3, 1))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("history"));
  }

  @Test
  void holtWinters_givenParameters_matchesPython() {
    HoltWinters hw = HoltWinters.fit(SERIES, 3, 0.5, 0.3, 0.2);

    assertThat(hw.level()).isCloseTo(25.423187204861108, within(1e-9));
    assertThat(hw.trend()).isCloseTo(0.79862484548611, within(1e-9));
    assertThat(hw.sumOfSquaredErrors()).isCloseTo(2.37290942083899, within(1e-9));
    double[] f = hw.forecast(4);
    assertThat(f[0]).isCloseTo(16.338024550347217, within(1e-9));
    assertThat(f[1]).isCloseTo(27.009448770833327, within(1e-9));
    assertThat(f[2]).isCloseTo(37.727735411458326, within(1e-9));
    assertThat(f[3]).isCloseTo(18.733899086805547, within(1e-9));
  }

  @Test
  void holtWinters_gridSearch_picksThePythonOptimum() {
    HoltWinters hw = HoltWinters.fit(SERIES, 3);

    assertThat(hw.alpha()).isCloseTo(0.35, within(1e-12));
    assertThat(hw.beta()).isCloseTo(0.05, within(1e-12));
    assertThat(hw.gamma()).isCloseTo(0.25, within(1e-12));
    assertThat(hw.sumOfSquaredErrors()).isCloseTo(2.06417188841925, within(1e-9));
    assertThat(hw.forecast(4)[3]).isCloseTo(18.750411421021894, within(1e-9));
  }

  @Test
  void holtWinters_badArguments_nameTheField() {
    assertThatThrownBy(() -> HoltWinters.fit(new double[] {1, 2, 3}, 2))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("history"));
    assertThatThrownBy(() -> HoltWinters.fit(SERIES, 3, 1.5, 0.1, 0.1))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("alpha"));
  }

  @Test
  void choice_takesTheSmallerHoldoutError_andReportsBoth() {
    // Three seasons of a strong monthly pattern: seasonal naive is exact on the held-out year's start.
    double[] y = new double[36];
    for (int i = 0; i < 36; i++) {
      y[i] = 100 + 50 * Math.sin(2 * Math.PI * i / 12.0);
    }
    NewCustomers.Choice choice = NewCustomers.choose(y, 12, 6);

    assertThat(choice.holdout()).isEqualTo(6);
    assertThat(choice.naiveError()).isNotNull();
    assertThat(choice.holtWintersError()).isNotNull();
    double naive = choice.naiveError();
    double hw = choice.holtWintersError();
    assertThat(naive).isCloseTo(0.0, within(1e-9)); // the pattern repeats exactly
    assertThat(choice.method()).isEqualTo(hw < naive ? NewCustomerModel.Method.HOLT_WINTERS
        : NewCustomerModel.Method.SEASONAL_NAIVE);
    assertThat(choice.season()).isEqualTo(12);
    assertThat(choice.forecast()).hasSize(6);
    assertThat(java.util.Arrays.stream(choice.forecast()).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void choice_trendingSeries_prefersHoltWinters() {
    // A straight line: seasonal naive (m = 1, the last value) lags, Holt's trend follows it.
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      y[i] = 10 + 5 * i;
    }
    NewCustomers.Choice choice = NewCustomers.choose(y, 12, 4);

    assertThat(choice.season()).isEqualTo(1);
    assertThat(choice.method()).isEqualTo(NewCustomerModel.Method.HOLT_WINTERS);
    // Naive on the held-out 4: last training value 45 against 50, 55, 60, 65: errors 5, 10, 15, 20.
    assertThat(choice.naiveError()).isCloseTo(12.5, within(1e-12));
    assertThat(choice.holtWintersError()).isLessThan(1e-6);
    assertThat(choice.forecast()[0]).isCloseTo(70, within(1e-6));
  }
}
