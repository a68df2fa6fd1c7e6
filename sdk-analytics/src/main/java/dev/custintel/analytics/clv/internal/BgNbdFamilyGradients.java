package dev.custintel.analytics.clv.internal;

import static dev.custintel.analytics.clv.internal.SpecialFunctions.log1pExp;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logHypergeometric2F1;

import java.util.Arrays;

/**
 * What valuation needs of the BG/NBD and the modified BG/NBD with exact derivatives in the log-parameters
 * {@code (ln r, ln α, ln a, ln b)}: P(alive) with the gradient of its logarithm, and the expected purchases if alive
 * with their gradient. The values are those of {@link BgNbdFormulas} and {@link ModifiedBgNbdFormulas}, bit for bit
 * (the same expressions; the hypergeometric series is summed term by term as there, its derivatives alongside), so
 * one series per horizon replaces the five a forward-difference gradient needs. Not API.
 *
 * <p>Both models share one form, with {@code c} = 0 (BG/NBD) or 1 (modified):
 * <pre>
 *   ln P(alive) = −ln(1 + e^w),  w = ln a − ln(b+x+c−1) + (r+x) (ln(α+T) − ln(α+t_x))
 *   E(t)        = K · (1 − e^L),  K = (a+b+x+c−1)/(a−1),
 *                 L = (r+x) ln(1−z) + ln 2F1(r+x, b+x+c; a+b+x+c−1; z),  z = t/(α+T+t)
 * </pre>
 * (for the BG/NBD a customer without repeat purchases is alive for sure: {@code P = 1}, gradient 0). So
 * {@code ∂ ln P/∂θ = −P(dropped) ∂w/∂θ}, and {@code ∂E/∂θ = K' (1 − e^L) − K e^L ∂L/∂θ} with the derivatives of
 * {@code ln 2F1} from {@link SpecialFunctions#logHypergeometric2F1(double, double, double, double, double[])}.
 */
public final class BgNbdFamilyGradients {
  /** Half-width of the window around {@code a = 1} where the formulas average either side (as the models do). */
  private static final double AROUND_ONE = 1e-6;
  private static final double H = 1e-5;

  private BgNbdFamilyGradients() {}

  /**
   * P(alive | x, t_x, T) and the gradient of its logarithm in the log-parameters.
   *
   * @param modified true for the modified BG/NBD, false for the BG/NBD
   * @param logGradient receives {@code ∂ ln P / ∂ ln θ} for {@code θ = (r, α, a, b)}; zeros where {@code P} is 0
   * @return P(alive), as {@code probabilityAlive} of the model's formulas gives it
   */
  public static double probabilityAlive(
      boolean modified, double r, double alpha, double a, double b, int x, double tx, double age,
      double[] logGradient) {
    Arrays.fill(logGradient, 0, 4, 0.0);
    if (!modified && x == 0) {
      return 1.0;
    }
    double w = modified
        ? ModifiedBgNbdFormulas.logOddsInactive(r, alpha, a, b, x, tx, age)
        : BgNbdFormulas.logOddsInactive(r, alpha, a, b, x, tx, age);
    double alive = Math.exp(-log1pExp(w));
    if (alive == 0.0) {
      return alive;
    }
    // P(dropped) = e^w / (1 + e^w), from the side where the exponential cannot overflow.
    double dropped = w > 0.0 ? 1.0 / (1.0 + Math.exp(-w)) : Math.exp(w) / (1.0 + Math.exp(w));
    double c = modified ? 1.0 : 0.0;
    double ageTerm = alpha + age;
    double recencyTerm = alpha + tx;
    logGradient[0] = -dropped * r * (Math.log(ageTerm) - Math.log(recencyTerm));
    logGradient[1] = -dropped * alpha * (r + x) * (1.0 / ageTerm - 1.0 / recencyTerm);
    logGradient[2] = -dropped;
    logGradient[3] = dropped * b / (b + x + c - 1.0);
    return alive;
  }

  /**
   * Expected purchases in {@code (T, T+t]} of a customer alive at {@code T}, and their derivatives in the
   * log-parameters.
   *
   * @param modified true for the modified BG/NBD, false for the BG/NBD
   * @param gradient receives {@code ∂E / ∂ ln θ} for {@code θ = (r, α, a, b)}
   * @return the expectation, as {@code expectedPurchasesIfAlive} of the model's formulas gives it
   * @throws IllegalArgumentException where the hypergeometric series does not converge, as the formulas
   */
  public static double expectedPurchasesIfAlive(
      boolean modified, double r, double alpha, double a, double b, int x, double age, double t,
      double[] gradient) {
    Arrays.fill(gradient, 0, 4, 0.0);
    if (t == 0.0) {
      return 0.0;
    }
    if (Math.abs(a - 1.0) >= AROUND_ONE) {
      return Math.max(0.0, raw(modified, r, alpha, a, b, x, age, t, gradient));
    }
    // The formulas average either side of a = 1, where (a − 1) cancels between K and the bracket: the derivatives
    // in r, α and b are averaged likewise, the one in a is the central difference across the window.
    double[] below = new double[4];
    double[] above = new double[4];
    double low = raw(modified, r, alpha, 1.0 - H, b, x, age, t, below);
    double high = raw(modified, r, alpha, 1.0 + H, b, x, age, t, above);
    for (int j = 0; j < 4; j++) {
      gradient[j] = 0.5 * (below[j] + above[j]);
    }
    gradient[2] = a * (high - low) / (2.0 * H);
    double value = modified
        ? Math.max(0.0, 0.5 * (low + high))
        : 0.5 * (Math.max(0.0, low) + Math.max(0.0, high));
    return value;
  }

  /** K · (1 − e^L) without the clamp at 0, and its derivatives in the log-parameters. */
  private static double raw(
      boolean modified, double r, double alpha, double a, double b, int x, double age, double t,
      double[] gradient) {
    double z = t / (alpha + age + t);
    double[] f = new double[4];
    double logProduct;
    double k;
    // The expressions of ModifiedBgNbdFormulas / BgNbdFormulas, operation for operation, so the value keeps its bits.
    if (modified) {
      logProduct = (r + x) * Math.log1p(-z) + logHypergeometric2F1(r + x, b + x + 1.0, a + b + x, z, f);
      k = (a + b + x) / (a - 1.0);
    } else {
      logProduct = (r + x) * Math.log1p(-z) + logHypergeometric2F1(r + x, b + x, a + b + x - 1.0, z, f);
      k = (a + b + x - 1.0) / (a - 1.0);
    }
    double bracket = -Math.expm1(logProduct);
    double value = k * bracket;
    double product = Math.exp(logProduct);
    double c = modified ? 1.0 : 0.0;
    // ∂L: r enters through r + x (the first 2F1 parameter and the power); α through z; a through the third
    // parameter; b through the second and the third.
    double dzdAlpha = -z / (alpha + age + t);
    double dLdr = Math.log1p(-z) + f[0];
    double dLdAlpha = (-(r + x) / (1.0 - z) + f[3]) * dzdAlpha;
    double dLda = f[2];
    double dLdb = f[1] + f[2];
    double dKda = -(b + x + c) / ((a - 1.0) * (a - 1.0));
    double dKdb = 1.0 / (a - 1.0);
    gradient[0] = r * (-k * product * dLdr);
    gradient[1] = alpha * (-k * product * dLdAlpha);
    gradient[2] = a * (dKda * bracket - k * product * dLda);
    gradient[3] = b * (dKdb * bracket - k * product * dLdb);
    return value;
  }
}
