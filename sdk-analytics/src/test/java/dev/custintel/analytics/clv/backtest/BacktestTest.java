package dev.custintel.analytics.clv.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CalibrationSummaries;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.Transaction;
import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made data with a toy predictor whose outputs are easy to compute by hand. */
class BacktestTest {

  private static final LocalDate D0 = LocalDate.of(2024, 1, 1);

  // a: days 0, 3, 10 (calibration), 12 (holdout); b: day 2 only; c: days 5, 9 (calibration), 11, 13 (holdout).
  private static final List<Transaction> TX =
      List.of(
          tx("a", 0), tx("a", 3), tx("a", 3), tx("a", 10), tx("a", 12),
          tx("b", 2),
          tx("c", 5), tx("c", 9), tx("c", 11), tx("c", 13),
          tx("late", 12));

  // E[X(t)] = t / 2, E[Y(t) | ...] = t · (x + 1) / 4, P(alive) = x / (x + 1).
  private static final PurchasePredictor TOY =
      PurchasePredictor.of(
          t -> t / 2, (t, s) -> t * (s.frequency() + 1) / 4.0, s -> s.frequency() / (s.frequency() + 1.0));

  private static Transaction tx(String id, int day) {
    return Transaction.of(id, D0.plusDays(day), BigDecimal.ONE);
  }

  @Test
  void computesPredictionsAccuracyAucAndTracking() {
    // Calibration days 0..9, holdout 10..13, DAYS: holdout duration 4.
    CalibrationHoldoutSplit split = CalibrationSummaries.split(TX, D0.plusDays(9), D0.plusDays(13), PeriodUnit.DAYS);
    BacktestResult r = Backtest.run(split, TX, TOY);

    assertThat(r.customers()).extracting(CustomerPrediction::customerId).containsExactly("a", "b", "c");
    // x: a 1, b 0, c 1; predicted 4 (x+1)/4 = 2, 1, 2; actual 2, 0, 2.
    assertThat(r.customers()).extracting(CustomerPrediction::predictedPurchases).containsExactly(2.0, 1.0, 2.0);
    assertThat(r.customers()).extracting(CustomerPrediction::actualPurchases).containsExactly(2, 0, 2);
    assertThat(r.accuracy().meanAbsoluteError()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(r.accuracy().rootMeanSquaredError()).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
    assertThat(r.accuracy().predictedTotal()).isEqualTo(5.0);
    assertThat(r.accuracy().actualTotal()).isEqualTo(4);
    // P(alive): a 0.5 (bought), b 0 (did not), c 0.5 (bought) -> AUC 1.
    assertThat(r.aliveAuc()).hasValue(1.0);
    assertThat(r.aliveCalibration()).hasSize(3);
    assertThat(r.aliveCalibration().get(0).observedShare()).isEqualTo(0.0);

    // 14 daily periods from day 0 to day 13; "late" is not in the split and is ignored.
    assertThat(r.tracking()).hasSize(14);
    // Repeat days: a 3, 10, 12; c 9, 11, 13.
    long[] expectedActual = {0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6};
    for (int k = 1; k <= 14; k++) {
      TrackingPoint p = r.tracking().get(k - 1);
      assertThat(p.period()).isEqualTo(k);
      assertThat(p.actual()).as("period %d", k).isEqualTo(expectedActual[k - 1]);
      assertThat(p.inHoldout()).isEqualTo(k > 10);
      // Last day of period k is day k - 1; customers first bought on days 0, 2, 5.
      double expected = 0;
      for (int first : new int[] {0, 2, 5}) {
        if (first <= k - 1) {
          expected += (k - 1 - first) / 2.0;
        }
      }
      assertThat(p.predicted()).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void splitAloneGivesTheSameResultAsWithTheTransactions() {
    for (PeriodUnit unit : PeriodUnit.values()) {
      CalibrationHoldoutSplit split = CalibrationSummaries.split(TX, D0.plusDays(9), D0.plusDays(13), unit);
      assertThat(Backtest.run(split, TOY)).as(unit.name()).isEqualTo(Backtest.run(split, TX, TOY));
    }
  }

  @Test
  void trackingFromTheSplitCountsItsRepeatPurchasesPerDay() {
    // Calibration 0..4, holdout 5..6: a (days 0, 1, 3) and b (days 1, 3, 6) repeat on day 3 together.
    List<Transaction> tx = List.of(tx("a", 0), tx("a", 1), tx("a", 3), tx("b", 1), tx("b", 3), tx("b", 6));
    CalibrationHoldoutSplit split = CalibrationSummaries.split(tx, D0.plusDays(4), D0.plusDays(6), PeriodUnit.DAYS);
    assertThat(split.repeatPurchasesByDay())
        .containsExactly(entry(D0.plusDays(1), 1), entry(D0.plusDays(3), 2), entry(D0.plusDays(6), 1));

    BacktestResult r = Backtest.run(split, TOY);

    assertThat(r.tracking()).extracting(TrackingPoint::actual).containsExactly(0L, 1L, 1L, 3L, 3L, 3L, 4L);
    assertThat(r.tracking()).extracting(TrackingPoint::inHoldout)
        .containsExactly(false, false, false, false, false, true, true);
  }

  @Test
  void splitAloneRejectsNullsAndAnEmptySplit() {
    CalibrationHoldoutSplit split = CalibrationSummaries.split(TX, D0.plusDays(9), D0.plusDays(13), PeriodUnit.DAYS);
    assertThatThrownBy(() -> Backtest.run(nullSplit(), TOY))
        .isInstanceOf(NullPointerException.class).hasMessage("split");
    assertThatThrownBy(() -> Backtest.run(split, nullPredictor()))
        .isInstanceOf(NullPointerException.class).hasMessage("predictor");
    CalibrationHoldoutSplit empty = CalibrationSummaries.split(List.of(), D0, D0.plusDays(1), PeriodUnit.DAYS);
    assertThatThrownBy(() -> Backtest.run(empty, TOY))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("split"));
    assertThatThrownBy(() -> Backtest.run(empty, List.of(), TOY))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("split"));
  }

  @Test
  void weeklyTrackingEndsWithAPartialPeriodAtTheHoldoutEnd() {
    CalibrationHoldoutSplit split = CalibrationSummaries.split(TX, D0.plusDays(9), D0.plusDays(13), PeriodUnit.WEEKS);
    BacktestResult r = Backtest.run(split, TX, TOY);
    assertThat(r.tracking()).hasSize(2);
    assertThat(r.tracking().get(0).actual()).isEqualTo(1);
    assertThat(r.tracking().get(1).actual()).isEqualTo(6);
    // Week 2 ends on day 13: (13 + 11 + 8) / 7 / 2.
    assertThat(r.tracking().get(1).predicted()).isCloseTo(32.0 / 14, within(1e-12));
  }

  @Test
  void aucIsEmptyWhenNobodyBoughtInTheHoldout() {
    List<Transaction> tx = List.of(tx("a", 0), tx("a", 1), tx("b", 0));
    CalibrationHoldoutSplit split = CalibrationSummaries.split(tx, D0.plusDays(1), D0.plusDays(5), PeriodUnit.DAYS);
    BacktestResult r = Backtest.run(split, tx, TOY);
    assertThat(r.aliveAuc()).isEmpty();
    assertThat(r.aliveCalibration()).hasSize(2);
  }

  @Test
  void rejectsMismatchedTransactionsAndNonFinitePredictions() {
    CalibrationHoldoutSplit split = CalibrationSummaries.split(TX, D0.plusDays(9), D0.plusDays(13), PeriodUnit.DAYS);
    assertThatThrownBy(() -> Backtest.run(split, TX.subList(0, 5), TOY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("transactions");
    PurchasePredictor broken = PurchasePredictor.of(t -> t, (t, s) -> Double.NaN, s -> 0.5);
    assertThatThrownBy(() -> Backtest.run(split, TX, broken))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("predictor");
    PurchasePredictor outOfRange = PurchasePredictor.of(t -> t, (t, s) -> 1.0, s -> 1.5);
    assertThatThrownBy(() -> Backtest.run(split, TX, outOfRange)).isInstanceOf(InvalidInputException.class);
  }

  // Nulls typed through helpers: the API is @NullMarked, these tests check the guard for callers that ignore it.
  @SuppressWarnings("NullAway")
  private static CalibrationHoldoutSplit nullSplit() {
    return null;
  }

  @SuppressWarnings("NullAway")
  private static PurchasePredictor nullPredictor() {
    return null;
  }
}
