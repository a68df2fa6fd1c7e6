package dev.custintel.analytics.models;

/**
 * The modified BG/NBD (Batislam, Denizel &amp; Filiztekin 2007) and Gamma-Gamma (Fader &amp; Hardie 2013) predictions
 * in closed form, written here from the papers so tests can check the SDK's stored scores against code that does not
 * share its formulas: no logarithms, the Gauss hypergeometric function by its plain series. P(alive) and the
 * conditional expectation are lifetimes' {@code ModifiedBetaGeoFitter} expressions; the unconditional expectation is
 * derived below; the spend is Fader &amp; Hardie's eq. 5.
 */
final class ReferenceFormulas {
  /** Days per month of the SDK's horizons: 365.25 / 12. */
  static final double DAYS_PER_MONTH = 365.25 / 12.0;

  private ReferenceFormulas() {}

  /** Modified BG/NBD parameters. */
  record Mbg(double r, double alpha, double a, double b) {}

  /** Gamma-Gamma parameters. */
  record Gg(double p, double q, double gamma) {}

  /** {@code P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x))}, for every x including 0. */
  static double probabilityAlive(Mbg m, int x, double tx, double age) {
    return 1.0 / (1.0 + m.a() / (m.b() + x) * Math.pow((m.alpha() + age) / (m.alpha() + tx), m.r() + x));
  }

  /**
   * {@code E[Y(t) | x, t_x, T] = P(alive) · (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x+1; a+b+x;
   * t/(α+T+t))]}.
   */
  static double conditionalExpectedPurchases(Mbg m, int x, double tx, double age, double t) {
    double z = t / (m.alpha() + age + t);
    double bracket = 1.0 - Math.pow((m.alpha() + age) / (m.alpha() + age + t), m.r() + x)
        * hypergeometric2F1(m.r() + x, m.b() + x + 1.0, m.a() + m.b() + x, z);
    return probabilityAlive(m, x, tx, age) * (m.a() + m.b() + x) / (m.a() - 1.0) * bracket;
  }

  /** {@code E[Z | x, z̄] = p (γ + x z̄) / (p x + q − 1)}. */
  static double expectedSpend(Gg g, int x, double meanSpend) {
    return g.p() * (g.gamma() + x * meanSpend) / (g.p() * x + g.q() - 1.0);
  }

  /**
   * {@code E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))]} for a customer just acquired: given
   * λ and p the expectation is {@code (1−p)(1 − e^{−λpt})/p}; the Gamma(r, α) mixture gives
   * {@code (1−p)/p · (1 − (α/(α+pt))^r)}, and the Beta(a, b) mixture, by Euler's integral and Pfaff's transform, the
   * expression above.
   */
  static double expectedPurchases(Mbg m, double t) {
    double z = t / (m.alpha() + t);
    double f = hypergeometric2F1(m.r(), m.b() + 1.0, m.a() + m.b(), z);
    return m.b() / (m.a() - 1.0) * (1.0 - Math.pow(m.alpha() / (m.alpha() + t), m.r()) * f);
  }

  /** As {@link #value(Mbg, Gg, int, double, double, double, double, double, double)} in weeks. */
  static double value(Mbg m, Gg g, int x, double tx, double age, double meanSpend, double months, double discount) {
    return value(m, g, x, tx, age, meanSpend, months, discount, 7);
  }

  /**
   * Value over {@code H} months (the CustomerValueModel javadoc's formula): {@code E[Z] · Σ_i (E[Y(m_i)] −
   * E[Y(m_{i−1})]) / (1+d)^{m_i}} with month ends {@code m_i = min(i, H)}, converted to the model's unit as
   * {@code m_i · 365.25/12 / unitDays}.
   */
  static double value(
      Mbg m, Gg g, int x, double tx, double age, double meanSpend, double months, double discount, int unitDays) {
    double previous = 0.0;
    double sum = 0.0;
    for (int i = 1; i < months + 1; i++) {
      double end = Math.min(i, months);
      double e = conditionalExpectedPurchases(m, x, tx, age, end * DAYS_PER_MONTH / unitDays);
      sum += (e - previous) / Math.pow(1.0 + discount, end);
      previous = e;
    }
    return expectedSpend(g, x, meanSpend) * sum;
  }

  /** Gauss's series {@code Σ_k (a)_k (b)_k / (c)_k · z^k / k!}, for {@code 0 ≤ z < 1}. */
  static double hypergeometric2F1(double a, double b, double c, double z) {
    double term = 1.0;
    double sum = 1.0;
    for (int k = 0; k < 100_000; k++) {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
        return sum;
      }
    }
    throw new IllegalStateException("2F1 series did not converge for z = " + z);
  }
}
