package dev.custintel.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The SDK's one rounding rule for probabilities at the API edge, as {@link Money#rounded} is for money.
 *
 * <p>The models compute probabilities in full double precision, and they keep that precision inside: the stored
 * scores, sums, rankings and risk levels use the exact values. What a reader is handed (a churn risk, a
 * probability of being alive) is rounded half-even to {@value #DECIMALS} decimals, so that a model's
 * {@code 0.999999999999993} reads as {@code 1.0} and {@code 1 − 0.1234} as {@code 0.8766}, not
 * {@code 0.8765999999999999}. Four decimals keep a hundredth of a percentage point, far finer than the models can
 * tell customers apart.
 */
public final class Probabilities {
  /** Decimals a probability keeps at the API edge. */
  public static final int DECIMALS = 4;

  private Probabilities() {}

  /**
   * @param probability a probability, from 0 to 1 (values a rounding error outside are clamped into it)
   * @return the probability rounded half-even to {@value #DECIMALS} decimals, as the nearest double; NaN stays NaN
   */
  public static double rounded(double probability) {
    if (Double.isNaN(probability)) {
      return probability;
    }
    double clamped = Math.max(0.0, Math.min(1.0, probability));
    return BigDecimal.valueOf(clamped).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }
}
