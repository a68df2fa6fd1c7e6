package dev.custintel.analytics.models;

import dev.custintel.analytics.clv.ParameterCovariance;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One fitted model of a run, as stored.
 *
 * @param model the model's id: {@code bgnbd}, {@code mbgnbd}, {@code paretoNbd} or {@code gammaGamma}
 * @param parameters estimates by name, in the model's order
 * @param standardErrors standard errors by name (empty when the Hessian was not positive definite)
 * @param logLikelihood the maximised log-likelihood
 * @param converged whether the search met its gradient tolerance
 * @param iterations search iterations used
 * @param gradientNorm gradient norm at the optimum (per customer, on the log-parameters)
 * @param distinctSummaries distinct data points the likelihood was evaluated on
 * @param covariance covariance of the log-parameters; null when there are no standard errors
 */
public record FitReport(
    String model,
    Map<String, Double> parameters,
    Map<String, Double> standardErrors,
    double logLikelihood,
    boolean converged,
    int iterations,
    double gradientNorm,
    int distinctSummaries,
    @Nullable ParameterCovariance covariance) {

  /** Copies the maps, keeping their order. */
  public FitReport {
    Objects.requireNonNull(model, "model");
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    standardErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(standardErrors));
  }
}
