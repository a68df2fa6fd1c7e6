package dev.custintel.analytics.clv.internal;

import static dev.custintel.analytics.clv.internal.SpecialFunctions.logGamma;

/**
 * The Gamma-Gamma spend model closed forms of Fader &amp; Hardie (2013), "The Gamma-Gamma Model of Monetary
 * Value", on plain doubles. Arguments are assumed valid (the public API checks them). Not API.
 */
public final class GammaGammaFormulas {

  private GammaGammaFormulas() {}

  /**
   * Log of the marginal density of the mean repeat spend {@code z̄} of a customer with {@code x ≥ 1} repeat
   * transactions (eq. 4 of the note):
   * {@code ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄)}.
   * Needs {@code x ≥ 1} and {@code z̄ > 0}.
   */
  public static double logLikelihood(double p, double q, double gamma, int x, double meanSpend) {
    double px = p * x;
    return logGamma(px + q) - logGamma(px) - logGamma(q)
        + q * Math.log(gamma)
        + (px - 1.0) * Math.log(meanSpend)
        + px * Math.log(x)
        - (px + q) * Math.log(gamma + x * meanSpend);
  }

  /**
   * {@code E[Z | x, z̄] = p (γ + x z̄) / (p x + q − 1)}, written as the credibility-weighted average
   * {@code w · pγ/(q−1) + (1 − w) · z̄} with {@code w = (q−1)/(px+q−1)} so that large {@code x z̄} cannot
   * overflow. For {@code x = 0}, {@code w = 1}: the population mean {@code pγ/(q−1)}. Needs {@code q > 1}.
   */
  public static double conditionalExpectedSpend(double p, double q, double gamma, int x, double meanSpend) {
    double populationMean = p * gamma / (q - 1.0);
    if (x == 0) {
      return populationMean;
    }
    double px = p * x;
    double denominator = px + q - 1.0;
    return (q - 1.0) / denominator * populationMean + px / denominator * meanSpend;
  }
}
