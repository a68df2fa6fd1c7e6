package dev.custintel.analytics.internal.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.custintel.analytics.clv.ParameterCovariance;
import dev.custintel.analytics.clv.ReferenceCustomer;
import dev.custintel.analytics.clv.backtest.CalibrationBin;
import dev.custintel.analytics.clv.backtest.TrackingPoint;
import dev.custintel.analytics.models.AffinityReport;
import dev.custintel.analytics.models.BacktestReport;
import dev.custintel.analytics.models.FitReport;
import dev.custintel.core.DataAccessException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON documents of a model run's {@code params} and {@code metrics} columns. Not API. */
final class RunDocuments {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private RunDocuments() {}

  /** A fit, with its covariance as names and matrix. */
  record Fit(
      String model,
      Map<String, Double> parameters,
      Map<String, Double> standardErrors,
      double logLikelihood,
      boolean converged,
      int iterations,
      double gradientNorm,
      int distinctSummaries,
      @Nullable List<String> covarianceNames,
      double @Nullable [][] logCovariance) {

    static Fit of(FitReport r) {
      ParameterCovariance c = r.covariance();
      return new Fit(r.model(), r.parameters(), r.standardErrors(), r.logLikelihood(), r.converged(), r.iterations(),
          r.gradientNorm(), r.distinctSummaries(), c == null ? null : c.names(),
          c == null ? null : c.logCovarianceMatrix());
    }

    FitReport report() {
      ParameterCovariance c = covarianceNames == null || logCovariance == null
          ? null : new ParameterCovariance(covarianceNames, logCovariance);
      return new FitReport(model, parameters, standardErrors, logLikelihood, converged, iterations, gradientNorm,
          distinctSummaries, c);
    }
  }

  record Backtest(
      String calibrationEnd,
      String holdoutEnd,
      double holdoutPeriods,
      int customers,
      long actualRepeatPurchases,
      double predictedRepeatPurchases,
      double meanAbsoluteError,
      double rootMeanSquaredError,
      @Nullable Double churnAuc,
      List<CalibrationBin> aliveCalibration,
      List<TrackingPoint> tracking,
      Fit fit) {

    static @Nullable Backtest of(@Nullable BacktestReport b) {
      return b == null ? null : new Backtest(b.calibrationEnd().toString(), b.holdoutEnd().toString(),
          b.holdoutPeriods(), b.customers(),
          b.actualRepeatPurchases(), b.predictedRepeatPurchases(), b.meanAbsoluteError(), b.rootMeanSquaredError(),
          b.churnAuc(), b.aliveCalibration(), b.tracking(), Fit.of(b.fit()));
    }

    BacktestReport report() {
      return new BacktestReport(LocalDate.parse(calibrationEnd), LocalDate.parse(holdoutEnd), holdoutPeriods, customers,
          actualRepeatPurchases, predictedRepeatPurchases, meanAbsoluteError, rootMeanSquaredError, churnAuc,
          aliveCalibration, tracking, fit.report());
    }
  }

  /** The {@code params} column. */
  record Params(Fit purchaseModel, Fit spendModel, ReferenceCustomer reference) {}

  /**
   * The {@code metrics} column.
   *
   * @param timingsMillis wall time per phase
   * @param spendSample customers the spend model used and left out
   * @param affinity what the product-affinity mining found; null when the run mined none
   */
  record Metrics(
      @Nullable Backtest backtest,
      @Nullable String backtestSkipped,
      Map<String, Long> timingsMillis,
      Map<String, Integer> spendSample,
      @Nullable AffinityReport affinity) {}

  static String write(Object document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write a model run document", e);
    }
  }

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  /** Reads a JSON array of strings, such as a side of a product rule. */
  static List<String> readStrings(String json, long runId) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new DataAccessException("Model run " + runId + " has an unreadable product list: "
          + e.getOriginalMessage(), e);
    }
  }

  static <T> T read(String json, Class<T> type, long runId) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new DataAccessException("Model run " + runId + " has an unreadable " + type.getSimpleName().toLowerCase()
          + " document: " + e.getOriginalMessage(), e);
    }
  }
}
