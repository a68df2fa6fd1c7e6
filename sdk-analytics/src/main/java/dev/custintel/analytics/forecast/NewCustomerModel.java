package dev.custintel.analytics.forecast;

import dev.custintel.core.model.Money;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the first orders of new customers were forecast: which of the two seasonal models, chosen by its mean
 * absolute error on the last periods of the history, and what each scored there.
 *
 * @param method the model used for the forecast
 * @param seasonLength the season in periods: 52 weeks or 12 months when the history holds two seasons, else 1
 *     (no seasonality can be estimated, so seasonal naive is the last value and Holt-Winters is Holt's trend)
 * @param historyPeriods periods of first-order history before the forecast
 * @param holdoutPeriods the last periods of that history held out to choose the method (0 when too short)
 * @param seasonalNaiveError mean absolute error of seasonal naive on them, in first orders per period; null when
 *     none were held out
 * @param holtWintersError the same for Holt-Winters; null when none were held out
 * @param alpha Holt-Winters level smoothing of the final fit (null when seasonal naive was chosen)
 * @param beta Holt-Winters trend smoothing of the final fit (null when seasonal naive was chosen)
 * @param gamma Holt-Winters season smoothing of the final fit (null when seasonal naive was chosen)
 * @param meanFirstOrderValue mean amount of the first purchase days in the history
 */
public record NewCustomerModel(
    Method method,
    int seasonLength,
    int historyPeriods,
    int holdoutPeriods,
    @Nullable Double seasonalNaiveError,
    @Nullable Double holtWintersError,
    @Nullable Double alpha,
    @Nullable Double beta,
    @Nullable Double gamma,
    Money meanFirstOrderValue) {

  /** Checks that nothing is missing. */
  public NewCustomerModel {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(meanFirstOrderValue, "meanFirstOrderValue");
  }

  /** The two seasonal models. */
  public enum Method {
    /** {@link SeasonalNaive}: each period repeats the same period one season earlier. */
    SEASONAL_NAIVE,
    /** {@link HoltWinters}: additive level, trend and season. */
    HOLT_WINTERS
  }
}
