package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.BgNbdFamilyGradients;
import dev.custintel.analytics.clv.internal.RfmObjective;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.BgNbdParameters;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What the BG/NBD ({@link BgNbdModel}) and the modified BG/NBD ({@link ModifiedBgNbdModel}) share: the four
 * parameters {@code (r, α, a, b)} and their records, the maximum-likelihood fit, the log-parameters, and the
 * evaluation of one of the model's closed forms at its parameters. Each model keeps its own closed forms and its
 * own argument checks.
 */
abstract class BgNbdFamilyModel extends FittedModel<BgNbdParameters, BgNbdStandardErrors> {
  private static final List<String> PARAMETER_NAMES = List.of("r", "alpha", "a", "b");

  /** A closed form in the parameters and one customer's {@code (x, t_x, T)}. */
  @FunctionalInterface
  interface CustomerFormula {
    double at(double r, double alpha, double a, double b, int x, double tx, double age);
  }

  /** A closed form in the parameters, one customer's {@code (x, t_x, T)} and a horizon. */
  @FunctionalInterface
  interface CustomerHorizonFormula {
    double at(double r, double alpha, double a, double b, int x, double tx, double age, double t);
  }

  /** A closed form in the parameters, one customer's {@code (x, T)} and a horizon (alive at T). */
  @FunctionalInterface
  interface AliveHorizonFormula {
    double at(double r, double alpha, double a, double b, int x, double age, double t);
  }

  /** A closed form in the parameters and a horizon, for a randomly chosen customer. */
  @FunctionalInterface
  interface HorizonFormula {
    double at(double r, double alpha, double a, double b, double t);
  }

  /** A closed form in the parameters, a number of purchases and a horizon. */
  @FunctionalInterface
  interface CountFormula {
    double at(double r, double alpha, double a, double b, int n, double t);
  }

  /** A model with known parameters and no fit information. */
  BgNbdFamilyModel(BgNbdParameters parameters) {
    super(parameters, null, null, null, null);
  }

  /** A fitted model: the estimates, their standard errors (if any), the likelihood and diagnostics of the fit. */
  BgNbdFamilyModel(RfmMaximumLikelihood.Estimate fit) {
    super(parameters(fit.parameters()), standardErrors(fit.standardErrors()), fit.logLikelihood(),
        fit.diagnostics(), fit.covariance(PARAMETER_NAMES));
  }

  /** @return the model's short name, for the message of a prediction that is not finite */
  abstract String name();

  /**
   * Throws where the model's expected purchases are not defined for a customer with {@code x} repeat purchases;
   * nothing by default.
   */
  void requireExpectationDefined(int x) {}

  /** @return true for the modified BG/NBD, false for the BG/NBD: which of the family's closed forms apply */
  abstract boolean modified();

  /**
   * P(alive) as {@code probabilityAlive(summary)} gives it, and the gradient of its logarithm in the
   * log-parameters, for valuation's interval.
   *
   * @param logGradient receives {@code ∂ ln P / ∂ ln θ}; zeros where P is 0
   */
  final double probabilityAlive(RfmSummary summary, double[] logGradient) {
    BgNbdParameters p = parameters();
    return BgNbdFamilyGradients.probabilityAlive(modified(), p.r(), p.alpha(), p.a(), p.b(), summary.frequency(),
        summary.recency(), summary.age(), logGradient);
  }

  /**
   * The expected purchases if alive as {@code expectedPurchasesIfAlive(t, summary)} gives them (with the same
   * checks), and their derivatives in the log-parameters, for valuation's interval.
   *
   * @param gradient receives {@code ∂E / ∂ ln θ}
   */
  final double expectedPurchasesIfAlive(double t, RfmSummary summary, double[] gradient) {
    checkHorizon(t);
    requireExpectationDefined(summary.frequency());
    BgNbdParameters p = parameters();
    return finite(() -> BgNbdFamilyGradients.expectedPurchasesIfAlive(modified(), p.r(), p.alpha(), p.a(), p.b(),
        summary.frequency(), summary.age(), t, gradient));
  }

  /**
   * Fits a model of the family by maximum likelihood over {@code (ln r, ln α, ln a, ln b)} with the exact-gradient
   * objective (see {@link RfmMaximumLikelihood}).
   *
   * @param modified whether the exact objective is the modified BG/NBD's
   * @return the estimate, for {@link #BgNbdFamilyModel(RfmMaximumLikelihood.Estimate)}
   */
  static RfmMaximumLikelihood.Estimate estimate(
      List<RfmSummary> summaries,
      BgNbdOptions options,
      String noRepeatReason,
      RfmMaximumLikelihood.LogLikelihood logLikelihood,
      boolean modified) {
    BgNbdParameters start = options.start();
    return RfmMaximumLikelihood.fit(
        summaries,
        new double[] {start.r(), start.alpha(), start.a(), start.b()},
        start,
        options.maxIterations(),
        options.gradientTolerance(),
        noRepeatReason,
        logLikelihood,
        (xs, txs, ages, ws) -> new RfmObjective(modified, xs, txs, ages, ws));
  }

  private static BgNbdParameters parameters(double[] p) {
    return new BgNbdParameters(p[0], p[1], p[2], p[3]);
  }

  private static @Nullable BgNbdStandardErrors standardErrors(double @Nullable [] se) {
    return se == null ? null : new BgNbdStandardErrors(se[0], se[1], se[2], se[3]);
  }

  /** @return the parameters whose natural logarithms these are, after checking there are four */
  static BgNbdParameters fromLogParameters(double[] logParameters) {
    checkFourLogParameters(logParameters);
    return new BgNbdParameters(Math.exp(logParameters[0]), Math.exp(logParameters[1]), Math.exp(logParameters[2]),
        Math.exp(logParameters[3]));
  }

  /** @return the natural logarithms of {@code (r, α, a, b)} */
  public final double[] logParameters() {
    BgNbdParameters p = parameters();
    return new double[] {Math.log(p.r()), Math.log(p.alpha()), Math.log(p.a()), Math.log(p.b())};
  }

  /** @return {@code f} at the parameters and the summary's {@code (x, t_x, T)}, as it comes */
  final double at(CustomerFormula f, RfmSummary summary) {
    BgNbdParameters p = parameters();
    return f.at(p.r(), p.alpha(), p.a(), p.b(), summary.frequency(), summary.recency(), summary.age());
  }

  /** @return {@code f} at the parameters, the summary's {@code (x, t_x, T)} and {@code t}, checked finite */
  final double finite(CustomerHorizonFormula f, RfmSummary summary, double t) {
    BgNbdParameters p = parameters();
    return finite(() -> f.at(p.r(), p.alpha(), p.a(), p.b(), summary.frequency(), summary.recency(), summary.age(), t));
  }

  /** @return {@code f} at the parameters, the summary's {@code (x, T)} and {@code t}, checked finite */
  final double finite(AliveHorizonFormula f, RfmSummary summary, double t) {
    BgNbdParameters p = parameters();
    return finite(() -> f.at(p.r(), p.alpha(), p.a(), p.b(), summary.frequency(), summary.age(), t));
  }

  /** @return {@code f} at the parameters and {@code t}, checked finite */
  final double finite(HorizonFormula f, double t) {
    BgNbdParameters p = parameters();
    return finite(() -> f.at(p.r(), p.alpha(), p.a(), p.b(), t));
  }

  /** @return {@code f} at the parameters, {@code n} and {@code t}, checked finite */
  final double finite(CountFormula f, int n, double t) {
    BgNbdParameters p = parameters();
    return finite(() -> f.at(p.r(), p.alpha(), p.a(), p.b(), n, t));
  }

  private double finite(DoubleSupplier computation) {
    double value;
    try {
      value = computation.getAsDouble();
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.argument(
          "t", "is too long relative to alpha for the series to converge (" + e.getMessage() + ")");
    }
    if (!Double.isFinite(value)) {
      // Not reachable with validated inputs; fail loudly rather than hand back NaN.
      throw new IllegalStateException(name() + " prediction was not finite: " + value);
    }
    return value;
  }
}
