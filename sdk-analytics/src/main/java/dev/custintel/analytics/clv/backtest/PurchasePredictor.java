package dev.custintel.analytics.clv.backtest;

import dev.custintel.analytics.clv.BgNbdModel;
import dev.custintel.analytics.clv.ModifiedBgNbdModel;
import dev.custintel.analytics.clv.ParetoNbdModel;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.core.InvalidInputException;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * The predictions a {@link Backtest} needs from a customer-base model. Times are in the unit of the calibration
 * summaries the model was fitted on.
 */
public interface PurchasePredictor {

  /**
   * @param t a duration, 0 or more
   * @return expected number of repeat purchases in {@code (0, t]} after a randomly chosen customer's first purchase
   */
  double expectedPurchases(double t);

  /**
   * @param t length of the period after the calibration end, 0 or more
   * @param summary the customer's calibration summary
   * @return expected number of purchases of that customer in the {@code t} periods after the calibration end
   */
  double conditionalExpectedPurchases(double t, RfmSummary summary);

  /**
   * @param summary the customer's calibration summary
   * @return probability that the customer is still active at the calibration end, in [0, 1]
   */
  double probabilityAlive(RfmSummary summary);

  /**
   * @param model a BG/NBD model
   * @return a predictor delegating to it
   */
  static PurchasePredictor of(BgNbdModel model) {
    Objects.requireNonNull(model, "model");
    return of(model::expectedPurchases, model::conditionalExpectedPurchases, model::probabilityAlive);
  }

  /**
   * @param model a modified BG/NBD model
   * @return a predictor delegating to it
   */
  static PurchasePredictor of(ModifiedBgNbdModel model) {
    Objects.requireNonNull(model, "model");
    return of(model::expectedPurchases, model::conditionalExpectedPurchases, model::probabilityAlive);
  }

  /**
   * @param model a Pareto/NBD model
   * @return a predictor delegating to it
   */
  static PurchasePredictor of(ParetoNbdModel model) {
    Objects.requireNonNull(model, "model");
    return of(model::expectedPurchases, model::conditionalExpectedPurchases, model::probabilityAlive);
  }

  /**
   * A predictor from three functions, for models outside this library or for tests.
   *
   * @param expected {@link #expectedPurchases(double)}
   * @param conditional {@link #conditionalExpectedPurchases(double, RfmSummary)}
   * @param alive {@link #probabilityAlive(RfmSummary)}
   * @return the predictor
   */
  static PurchasePredictor of(
      DoubleUnaryOperator expected,
      ToDoubleBiFunction<Double, RfmSummary> conditional,
      ToDoubleFunction<RfmSummary> alive) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(conditional, "conditional");
    Objects.requireNonNull(alive, "alive");
    return new PurchasePredictor() {
      @Override
      public double expectedPurchases(double t) {
        return expected.applyAsDouble(t);
      }

      @Override
      public double conditionalExpectedPurchases(double t, RfmSummary summary) {
        return conditional.applyAsDouble(t, summary);
      }

      @Override
      public double probabilityAlive(RfmSummary summary) {
        return alive.applyAsDouble(summary);
      }
    };
  }
}
