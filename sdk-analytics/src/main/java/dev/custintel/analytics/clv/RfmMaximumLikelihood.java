package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.Bfgs;
import dev.custintel.analytics.clv.internal.Covariance;
import dev.custintel.analytics.clv.internal.FiniteDifferences;
import dev.custintel.analytics.clv.internal.Subsample;
import dev.custintel.core.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Maximum likelihood for the four-parameter purchase models (BG/NBD, modified BG/NBD, Pareto/NBD): compress the
 * summaries, minimise the mean negative log-likelihood per customer over log-parameters with BFGS (so the gradient
 * tolerance does not depend on the data size and the parameters stay positive), then standard errors from the
 * observed information of the whole sample by the delta method ({@code se(θ) = θ · se(ln θ)}).
 *
 * <p>Reproducible: the exact objectives sum the distinct summaries in fixed chunks (in parallel) and add the chunk
 * sums in chunk order, so the same summaries in the same order give bit-identical estimates on every run, whatever
 * the number of threads or their schedule. Those sums may differ in the last bits from one serial sum.
 */
final class RfmMaximumLikelihood {
  /** Log-parameters beyond ±50 are treated as outside the model: the search backs off instead of overflowing. */
  private static final double MAX_ABS_LOG_PARAMETER = 50.0;
  private static final double GRADIENT_STEP = 1e-5;
  private static final double HESSIAN_STEP = 1e-4;
  /** Central differences of an exact gradient: error O(h²) with no second-difference cancellation. */
  private static final double EXACT_HESSIAN_STEP = 1e-5;

  private RfmMaximumLikelihood() {}

  /** One customer's log-likelihood at natural (positive) parameters. */
  @FunctionalInterface
  interface LogLikelihood {
    double of(double p0, double p1, double p2, double p3, int x, double tx, double age);
  }

  /** Builds the objective with an exact gradient from the compressed data. */
  @FunctionalInterface
  interface ExactObjective {
    Bfgs.Objective over(int[] xs, double[] recencies, double[] ages, double[] weights);
  }

  /**
   * @param parameters the estimates, in the model's order
   * @param standardErrors their standard errors, or null when the Hessian is not positive definite
   * @param logLikelihood the maximised log-likelihood of the whole sample (weights included)
   * @param diagnostics iterations, gradient norm, convergence, distinct summaries
   */
  record Estimate(
      double[] parameters,
      double @Nullable [] standardErrors,
      double logLikelihood,
      FitDiagnostics diagnostics,
      double @Nullable [][] logCovariance) {

    /** @return the covariance of the log-parameters under these names, or null without standard errors */
    @Nullable ParameterCovariance covariance(List<String> names) {
      return standardErrors == null || logCovariance == null ? null : new ParameterCovariance(names, logCovariance);
    }
  }

  /**
   * @param summaries the customers
   * @param start starting parameters (natural scale), in the model's order
   * @param startGiven the starting parameters as the user gave them (a record), turned into text only for the error
   *     message: a record's {@code toString} is linked at its first call, which a cold command would pay for nothing
   * @param noRepeatReason why the model cannot be fitted when no customer made a repeat purchase
   * @param logLikelihood one customer's log-likelihood
   * @param exact the same likelihood with its exact gradient over all the data, or null to search with
   *     central-difference gradients of {@code logLikelihood}
   */
  static Estimate fit(
      List<RfmSummary> summaries,
      double[] start,
      Object startGiven,
      int maxIterations,
      double gradientTolerance,
      String noRepeatReason,
      LogLikelihood logLikelihood,
      @Nullable ExactObjective exact) {
    List<RfmSummary> data = RfmCompression.compress(summaries);
    int n = data.size();
    int[] xs = new int[n];
    double[] txs = new double[n];
    double[] ages = new double[n];
    double[] weights = new double[n];
    double totalWeight = 0.0;
    boolean anyRepeat = false;
    for (int i = 0; i < n; i++) {
      RfmSummary s = data.get(i);
      xs[i] = s.frequency();
      txs[i] = s.recency();
      ages[i] = s.age();
      weights[i] = s.weight();
      totalWeight += s.weight();
      anyRepeat |= s.frequency() > 0;
    }
    if (!anyRepeat) {
      throw InvalidInputException.argument(
          "summaries", "need at least one customer with frequency > 0; " + noRepeatReason);
    }
    double w = totalWeight;
    ToDoubleFunction<double[]> objective = theta -> {
      for (double v : theta) {
        if (!(Math.abs(v) <= MAX_ABS_LOG_PARAMETER)) {
          return Double.POSITIVE_INFINITY;
        }
      }
      double p0 = Math.exp(theta[0]);
      double p1 = Math.exp(theta[1]);
      double p2 = Math.exp(theta[2]);
      double p3 = Math.exp(theta[3]);
      double sum = 0.0;
      try {
        for (int i = 0; i < n; i++) {
          sum += weights[i] * logLikelihood.of(p0, p1, p2, p3, xs[i], txs[i], ages[i]);
        }
      } catch (IllegalArgumentException e) {
        return Double.POSITIVE_INFINITY; // a series that cannot be evaluated there: outside the search region
      }
      double value = -sum / w;
      return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    };

    double[] theta0 = new double[start.length];
    for (int i = 0; i < start.length; i++) {
      theta0[i] = Math.log(start[i]);
    }
    Bfgs.@Nullable Objective withGradient = exact == null ? null : exact.over(xs, txs, ages, weights);
    // The start is checked with the exact objective when there is one: it is the one the search uses, and it is
    // chunked and parallel, while the per-customer formula is a serial pass with several log-gammas per summary
    // (a tenth of a second for 400,000 distinct summaries). Only where it is not finite does the per-customer
    // formula decide, as before.
    boolean finiteStart = withGradient != null
        && Double.isFinite(withGradient.valueAndGradient(theta0, new double[theta0.length]));
    if (!finiteStart && !Double.isFinite(objective.applyAsDouble(theta0))) {
      throw InvalidInputException.argument(
          "start", "the log-likelihood is not finite there (was " + startGiven + ")");
    }
    Bfgs.Result result;
    double[][] hessian;
    if (withGradient == null || exact == null) {
      result = Bfgs.minimize(objective, theta0, maxIterations, gradientTolerance, GRADIENT_STEP);
      hessian = FiniteDifferences.hessian(objective, result.x(), HESSIAN_STEP);
    } else {
      int k = Subsample.stride(n);
      result = k == 0
          ? Bfgs.minimize(withGradient, theta0, maxIterations, gradientTolerance)
          : Bfgs.minimize(withGradient, exact.over(Subsample.every(xs, k), Subsample.every(txs, k),
              Subsample.every(ages, k), Subsample.every(weights, k)), theta0, maxIterations, gradientTolerance);
      hessian = FiniteDifferences.hessianFromGradient(withGradient, result.x(), EXACT_HESSIAN_STEP);
    }
    double[] theta = result.x();
    double[] fitted = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      fitted[i] = Math.exp(theta[i]);
    }
    for (double[] row : hessian) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= w; // observed information of the whole sample, not per customer
      }
    }
    double[] errors = null;
    double[][] logCovariance = null;
    Optional<double[][]> cov = Covariance.inversePositiveDefinite(hessian);
    if (cov.isPresent()) {
      double[][] c = cov.get();
      errors = new double[fitted.length];
      for (int i = 0; i < fitted.length; i++) {
        errors[i] = fitted[i] * Math.sqrt(c[i][i]);
        if (!Double.isFinite(errors[i])) {
          errors = null;
          break;
        }
      }
      logCovariance = errors == null ? null : c;
    }
    FitDiagnostics diagnostics =
        new FitDiagnostics(result.iterations(), result.gradientNorm(), result.converged(), n);
    return new Estimate(fitted, errors, -result.value() * w, diagnostics, logCovariance);
  }
}
