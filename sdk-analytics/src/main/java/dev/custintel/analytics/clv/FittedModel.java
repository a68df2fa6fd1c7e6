package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * What every model of this package holds: its parameters and, when it was fitted rather than built from known
 * parameters, the standard errors, maximised log-likelihood and diagnostics of the fit. Immutable.
 *
 * @param <P> the parameter record
 * @param <S> the standard-error record
 */
abstract class FittedModel<P, S> {
  private final P parameters;
  private final @Nullable S standardErrors;
  private final @Nullable Double logLikelihood;
  private final @Nullable FitDiagnostics diagnostics;
  private final @Nullable ParameterCovariance covariance;

  FittedModel(
      P parameters,
      @Nullable S standardErrors,
      @Nullable Double logLikelihood,
      @Nullable FitDiagnostics diagnostics,
      @Nullable ParameterCovariance covariance) {
    this.parameters = parameters;
    this.standardErrors = standardErrors;
    this.logLikelihood = logLikelihood;
    this.diagnostics = diagnostics;
    this.covariance = covariance;
  }

  /** @return the (estimated or given) parameters */
  public final P parameters() {
    return parameters;
  }

  /**
   * @return standard errors of a fit; empty for models built from known parameters, or when the Hessian at the
   *     optimum was not positive definite
   */
  public final Optional<S> standardErrors() {
    return Optional.ofNullable(standardErrors);
  }

  /**
   * @return the maximised log-likelihood of the fitted data (weights included); empty for models built from known
   *     parameters
   */
  public final OptionalDouble logLikelihood() {
    return logLikelihood == null ? OptionalDouble.empty() : OptionalDouble.of(logLikelihood);
  }

  /**
   * @return the asymptotic covariance of the log-parameters, present exactly when {@link #standardErrors()} is;
   *     what prediction intervals draw on
   */
  public final Optional<ParameterCovariance> covariance() {
    return Optional.ofNullable(covariance);
  }

  /** @return how the fit went; empty for models built from known parameters */
  public final Optional<FitDiagnostics> diagnostics() {
    return Optional.ofNullable(diagnostics);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + parameters
        + (logLikelihood == null ? "" : ", logLikelihood=" + logLikelihood) + "]";
  }

  /** @return the sum of {@code f} over the items, added in order */
  static <T> double sum(List<T> items, ToDoubleFunction<T> f) {
    double sum = 0.0;
    for (T item : items) {
      sum += f.applyAsDouble(item);
    }
    return sum;
  }

  /** A prediction horizon in the model's unit: finite, 0 or more. */
  static void checkHorizon(double t) {
    if (!(t >= 0.0) || Double.isInfinite(t)) {
      throw InvalidInputException.argument("t", "must be a finite number, 0 or more (was " + t + ")");
    }
  }

  /** A number of purchases: 0 or more. */
  static void checkCount(int n) {
    if (n < 0) {
      throw InvalidInputException.argument("n", "must be 0 or more (was " + n + ")");
    }
  }

  /** Four log-parameters, as the purchase models take them. */
  static double[] checkFourLogParameters(double[] logParameters) {
    if (logParameters.length != 4) {
      throw InvalidInputException.argument("logParameters", "must have 4 values (had " + logParameters.length + ")");
    }
    return logParameters;
  }
}
