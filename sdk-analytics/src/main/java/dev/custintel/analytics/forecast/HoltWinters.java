package dev.custintel.analytics.forecast;

import dev.custintel.core.InvalidInputException;

/**
 * Additive Holt-Winters exponential smoothing (Hyndman &amp; Athanasopoulos, "Forecasting: Principles and
 * Practice", 3rd ed., §8.3), fitted to a series. Immutable.
 *
 * <p>Additive rather than multiplicative: first orders per period are counts that can be 0 (a shop's quiet weeks,
 * or a sample whose customers all arrived in its first quarter), where a multiplicative season is undefined.
 *
 * <p>Start (the classical decomposition start): level {@code ℓ = } the mean of the first season, trend
 * {@code b = } (mean of the second season − mean of the first) / {@code m}, season {@code s_i = y_i − ℓ} for the
 * first season's periods. Then, for {@code t = m … n−1}:
 * {@code ℓ_t = α (y_t − s_{t−m}) + (1−α)(ℓ_{t−1} + b_{t−1})},
 * {@code b_t = β (ℓ_t − ℓ_{t−1}) + (1−β) b_{t−1}},
 * {@code s_t = γ (y_t − ℓ_t) + (1−γ) s_{t−m}};
 * forecast {@code ŷ_{n+h} = ℓ_n + h b_n + s_{n−m+1+(h−1) mod m}}. {@link #fit(double[], int)} chooses
 * {@code (α, β, γ)} on the grid 0.05, 0.15, …, 0.95 by the smallest sum of squared one-step errors over
 * {@code t = m … n−1} (first smallest in α, β, γ order on ties), so it is deterministic.
 */
public final class HoltWinters {
  private static final double[] GRID = {0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95};

  private final int season;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double level;
  private final double trend;
  /** The latest season estimate of each position {@code t mod m}. */
  private final double[] seasonal;
  private final int length;
  private final double sumOfSquaredErrors;

  private HoltWinters(int season, double alpha, double beta, double gamma, double level, double trend,
      double[] seasonal, int length, double sumOfSquaredErrors) {
    this.season = season;
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.level = level;
    this.trend = trend;
    this.seasonal = seasonal;
    this.length = length;
    this.sumOfSquaredErrors = sumOfSquaredErrors;
  }

  /**
   * Runs the recursion with given smoothing parameters.
   *
   * @param y the series, oldest first, at least two seasons long
   * @param season the season length {@code m}, 1 or more
   * @param alpha level smoothing, in [0, 1]
   * @param beta trend smoothing, in [0, 1]
   * @param gamma season smoothing, in [0, 1]
   * @return the fitted model
   * @throws InvalidInputException naming the argument that is out of range, or {@code "history"} when shorter
   *     than two seasons or not finite
   */
  public static HoltWinters fit(double[] y, int season, double alpha, double beta, double gamma) {
    check(y, season);
    checkUnit("alpha", alpha);
    checkUnit("beta", beta);
    checkUnit("gamma", gamma);
    return run(y, season, alpha, beta, gamma);
  }

  /**
   * Chooses the smoothing parameters on a grid (see the class documentation) and fits.
   *
   * @param y the series, oldest first, at least two seasons long
   * @param season the season length {@code m}, 1 or more
   * @return the fitted model with the smallest sum of squared one-step errors
   * @throws InvalidInputException as {@link #fit(double[], int, double, double, double)}
   */
  public static HoltWinters fit(double[] y, int season) {
    check(y, season);
    HoltWinters best = run(y, season, GRID[0], GRID[0], GRID[0]);
    for (double a : GRID) {
      for (double b : GRID) {
        for (double g : GRID) {
          HoltWinters candidate = run(y, season, a, b, g);
          if (candidate.sumOfSquaredErrors < best.sumOfSquaredErrors) {
            best = candidate;
          }
        }
      }
    }
    return best;
  }

  private static HoltWinters run(double[] y, int m, double alpha, double beta, double gamma) {
    double first = mean(y, 0, m);
    double level = first;
    double trend = (mean(y, m, 2 * m) - first) / m;
    double[] s = new double[m];
    for (int i = 0; i < m; i++) {
      s[i] = y[i] - first;
    }
    double sse = 0.0;
    for (int t = m; t < y.length; t++) {
      int pos = t % m;
      double error = y[t] - (level + trend + s[pos]);
      sse += error * error;
      double previous = level;
      level = alpha * (y[t] - s[pos]) + (1 - alpha) * (level + trend);
      trend = beta * (level - previous) + (1 - beta) * trend;
      s[pos] = gamma * (y[t] - level) + (1 - gamma) * s[pos];
    }
    return new HoltWinters(m, alpha, beta, gamma, level, trend, s, y.length, sse);
  }

  /**
   * @param horizon periods to forecast, 1 or more
   * @return {@code ŷ_{n+1} … ŷ_{n+horizon}}, unbounded (callers forecasting counts clip at 0)
   * @throws InvalidInputException {@code "horizon"} when below 1
   */
  public double[] forecast(int horizon) {
    if (horizon < 1) {
      throw InvalidInputException.argument("horizon", "must be 1 or more (was " + horizon + ")");
    }
    double[] out = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      out[h - 1] = level + h * trend + seasonal[(length + h - 1) % season];
    }
    return out;
  }

  /** @return the season length */
  public int season() {
    return season;
  }

  /** @return the level smoothing */
  public double alpha() {
    return alpha;
  }

  /** @return the trend smoothing */
  public double beta() {
    return beta;
  }

  /** @return the season smoothing */
  public double gamma() {
    return gamma;
  }

  /** @return the level after the last observation */
  public double level() {
    return level;
  }

  /** @return the trend after the last observation, per period */
  public double trend() {
    return trend;
  }

  /** @return the sum of squared one-step errors over {@code t = m … n−1} */
  public double sumOfSquaredErrors() {
    return sumOfSquaredErrors;
  }

  private static void check(double[] y, int season) {
    if (season < 1) {
      throw InvalidInputException.argument("season", "must be 1 or more (was " + season + ")");
    }
    if (y.length < 2 * season) {
      throw InvalidInputException.argument(
          "history", "must hold at least two seasons of " + season + " values (had " + y.length + ")");
    }
    for (double v : y) {
      if (!Double.isFinite(v)) {
        throw InvalidInputException.argument("history", "must hold finite numbers only (had " + v + ")");
      }
    }
  }

  private static void checkUnit(String name, double v) {
    if (!(v >= 0.0 && v <= 1.0)) {
      throw InvalidInputException.argument(name, "must be between 0 and 1 (was " + v + ")");
    }
  }

  private static double mean(double[] y, int from, int to) {
    double sum = 0.0;
    for (int i = from; i < to; i++) {
      sum += y[i];
    }
    return sum / (to - from);
  }
}
