package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.backtest.PurchasePredictor;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A fitted (or given) customer-base model: purchases while alive, unobserved dropout. The predictions of
 * {@link PurchasePredictor} plus what valuation and model runs need. Times are in the unit of the summaries the
 * model was fitted on: the {@code double} methods take times in that unit, the {@link Horizon} overloads convert a
 * typed horizon given the unit, and {@link CustomerValueModel} (which knows its unit) takes horizons only.
 */
public sealed interface PurchaseModel extends PurchasePredictor
    permits BgNbdModel, ModifiedBgNbdModel, ParetoNbdModel {

  /** @return which model this is */
  PurchaseModelKind kind();

  /**
   * {@link #expectedPurchases(double)} with the horizon typed: converted to the unit the model was fitted in,
   * which the caller names explicitly.
   *
   * @param horizon how far after the first purchase
   * @param unit the unit of the summaries the model was fitted on
   * @return expected repeat purchases of a new customer within the horizon
   */
  default double expectedPurchases(Horizon horizon, PeriodUnit unit) {
    return expectedPurchases(horizon.in(unit));
  }

  /**
   * {@link #conditionalExpectedPurchases(double, RfmSummary)} with the horizon typed: converted to the unit the
   * model was fitted in, which the caller names explicitly (it must be the unit of {@code summary}).
   *
   * @param horizon how far after the end of calibration
   * @param unit the unit of the summaries the model was fitted on, and of {@code summary}
   * @param summary the customer's calibration summary
   * @return expected purchases of that customer within the horizon
   */
  default double conditionalExpectedPurchases(Horizon horizon, PeriodUnit unit, RfmSummary summary) {
    return conditionalExpectedPurchases(horizon.in(unit), summary);
  }

  /**
   * Expected purchases in the {@code t} time units after the calibration end of a customer known to be alive
   * then: {@code E[Y(t) | x, t_x, T] / P(alive)}. Finite even when {@code P(alive)} underflows to 0, which is
   * what "value if still active" needs.
   *
   * @param t the horizon, finite and 0 or more, in the model's time unit
   * @param summary the customer's calibration summary (weight ignored)
   * @return the expectation, 0 or more
   */
  double expectedPurchasesIfAlive(double t, RfmSummary summary);

  /** @return the natural logarithms of the parameters, in {@link PurchaseModelKind#parameterNames()} order */
  double[] logParameters();

  /**
   * @param logParameters natural logarithms of the parameters, in {@link PurchaseModelKind#parameterNames()} order
   * @return a model of the same kind with those parameters and no fit information
   */
  PurchaseModel withLogParameters(double[] logParameters);

  /** @return the covariance of the log-parameters of a fit; empty for given parameters or a singular Hessian */
  Optional<ParameterCovariance> covariance();

  /** @return how the fit went; empty for given parameters */
  Optional<FitDiagnostics> diagnostics();

  /** @return the maximised log-likelihood of a fit; empty for given parameters */
  OptionalDouble logLikelihood();
}
