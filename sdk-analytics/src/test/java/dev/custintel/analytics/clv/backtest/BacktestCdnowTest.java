package dev.custintel.analytics.clv.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.BgNbdModel;
import dev.custintel.analytics.clv.BgNbdOptions;
import dev.custintel.core.generate.BgNbdParameters;
import dev.custintel.analytics.clv.ModifiedBgNbdModel;
import dev.custintel.analytics.clv.ParetoNbdModel;
import dev.custintel.analytics.clv.ParetoNbdParameters;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CalibrationSummaries;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.Transaction;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backtest of BG/NBD on the CDNOW sample: calibration to 1997-09-30 (39 weeks), holdout to 1998-06-30 (week 78). */
class BacktestCdnowTest {

  private static final LocalDate START = LocalDate.of(1997, 1, 1);

  private static List<Transaction> transactions;
  private static CalibrationHoldoutSplit split;
  private static BgNbdModel model;
  private static BacktestResult result;

  @BeforeAll
  static void runOnce() {
    transactions = CdnowTransactions.load();
    split =
        CalibrationSummaries.split(
            transactions, LocalDate.of(1997, 9, 30), LocalDate.of(1998, 6, 30), PeriodUnit.WEEKS);
    List<RfmSummary> summaries =
        split.calibration().customers().stream()
            .map(c -> RfmSummary.of(c.frequency(), c.recency(), c.age()))
            .toList();
    model = BgNbdModel.fit(summaries, BgNbdOptions.defaults());
    result = Backtest.run(split, transactions, PurchasePredictor.of(model));
  }

  @Test
  void splitAloneGivesTheSameResultAsWithTheTransactions() {
    assertThat(Backtest.run(split, PurchasePredictor.of(model))).isEqualTo(result);
    ParetoNbdModel pareto = ParetoNbdModel.of(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669));
    assertThat(Backtest.run(split, PurchasePredictor.of(pareto)))
        .isEqualTo(Backtest.run(split, transactions, PurchasePredictor.of(pareto)));
  }

  @Test
  void trackingAsksEachDistinctTimeOnceWithTheSameSums() {
    PurchasePredictor of = PurchasePredictor.of(model);
    java.util.List<Double> asked = new java.util.ArrayList<>();
    PurchasePredictor counting = new PurchasePredictor() {
      @Override
      public double expectedPurchases(double t) {
        asked.add(t);
        return of.expectedPurchases(t);
      }

      @Override
      public double conditionalExpectedPurchases(double t, RfmSummary summary) {
        return of.conditionalExpectedPurchases(t, summary);
      }

      @Override
      public double probabilityAlive(RfmSummary summary) {
        return of.probabilityAlive(summary);
      }
    };
    BacktestResult counted = Backtest.run(split, counting);
    assertThat(counted).isEqualTo(result);
    assertThat(asked).doesNotHaveDuplicates().hasSizeLessThan(700);
    // Every period's prediction is the sum over cohorts (customers by first purchase day) of E[X(t)] from the
    // cohort's day to the period's last day, in the order of the cohorts' days, summed here pair by pair.
    java.util.TreeMap<LocalDate, Integer> cohorts = new java.util.TreeMap<>();
    for (CustomerRfm c : split.calibration().customers()) {
      cohorts.merge(c.firstPurchaseDay(), 1, Integer::sum);
    }
    int pairs = 0;
    for (TrackingPoint point : result.tracking()) {
      LocalDate last = cohorts.firstKey().plusDays(7L * point.period() - 1);
      double sum = 0.0;
      for (var cohort : cohorts.headMap(last, true).entrySet()) {
        sum += cohort.getValue() * model.expectedPurchases(ChronoUnit.DAYS.between(cohort.getKey(), last) / 7.0);
        pairs++;
      }
      assertThat(point.predicted()).as("period %d", point.period()).isEqualTo(sum);
    }
    assertThat(pairs).isGreaterThan(6000);
  }

  @Test
  void trackingHasSeventyEightWeeksWithTheActualCumulativeRepeatTransactions() {
    assertThat(result.tracking()).hasSize(78);
    assertThat(result.tracking().get(38).actual()).isEqualTo(2457);
    assertThat(result.tracking().get(38).inHoldout()).isFalse();
    assertThat(result.tracking().get(39).inHoldout()).isTrue();
    assertThat(result.tracking().get(77).actual()).isEqualTo(4339);
    for (int k = 1; k < 78; k++) {
      assertThat(result.tracking().get(k).actual()).isGreaterThanOrEqualTo(result.tracking().get(k - 1).actual());
      assertThat(result.tracking().get(k).predicted())
          .isGreaterThanOrEqualTo(result.tracking().get(k - 1).predicted());
    }
  }

  @Test
  void predictedCumulativeAtWeek78MatchesAnIndependentSum() {
    // Σᵢ E[X(78 − tᵢ)], tᵢ = first purchase in weeks since 1997-01-01, summed customer by customer.
    double independent = 0.0;
    for (CustomerRfm c : split.calibration().customers()) {
      double firstWeek = ChronoUnit.DAYS.between(START, c.firstPurchaseDay()) / 7.0;
      independent += model.expectedPurchases(78 - firstWeek);
    }
    double predicted = result.tracking().get(77).predicted();
    assertThat(predicted).isCloseTo(independent, within(0.05 * independent));
    // And near the actual 4,339 (the paper's Figure 4 shows the BG/NBD tracking close to the actual curve).
    assertThat(predicted).isCloseTo(4339.0, within(0.05 * 4339.0));
  }

  @Test
  void holdoutTotalsAndErrors() {
    HoldoutAccuracy accuracy = result.accuracy();
    assertThat(accuracy.customers()).isEqualTo(2357);
    assertThat(accuracy.actualTotal()).isEqualTo(1882);
    assertThat(accuracy.predictedTotal()).isCloseTo(1882.0, within(0.15 * 1882.0));
    assertThat(accuracy.meanAbsoluteError()).isFinite().isPositive();
    assertThat(accuracy.rootMeanSquaredError()).isFinite().isGreaterThanOrEqualTo(accuracy.meanAbsoluteError());
    assertThat(result.customers()).hasSize(2357);
  }

  @Test
  void bgNbdProbabilityAliveIsOneWithoutRepeatsSoItsAucIsBelowOneHalf() {
    // BG/NBD: P(alive | x = 0) = 1 (a customer can only drop out right after a repeat purchase), and the 1,411
    // customers with x = 0 rarely buy in the holdout. Ranking by P(alive) therefore puts them on top, and the AUC
    // over all customers is below 0.5. This is the model, not the backtest; the repeaters alone rank well.
    assertThat(result.aliveAuc()).isPresent();
    double auc = result.aliveAuc().getAsDouble();
    int n = result.customers().size();
    List<CustomerRfm> rfm = split.calibration().customers();
    int repeaters = (int) rfm.stream().filter(CustomerRfm::isRepeater).count();
    double[] scores = new double[repeaters];
    boolean[] bought = new boolean[repeaters];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (rfm.get(i).isRepeater()) {
        scores[j] = result.customers().get(i).probabilityAlive();
        bought[j] = result.customers().get(i).actualPurchases() > 0;
        j++;
      } else {
        assertThat(result.customers().get(i).probabilityAlive()).isEqualTo(1.0);
      }
    }
    double repeaterAuc = Auc.of(scores, bought);
    assertThat(auc).isBetween(0.0, 0.5);
    assertThat(repeaterAuc).isGreaterThan(0.6);
  }

  @Test
  void calibrationTableHasTenNearlyEqualDeciles() {
    assertThat(result.aliveCalibration()).hasSize(10);
    assertThat(result.aliveCalibration().stream().mapToInt(CalibrationBin::customers).sum()).isEqualTo(2357);
    for (CalibrationBin bin : result.aliveCalibration()) {
      assertThat(bin.customers()).isBetween(235, 236);
      assertThat(bin.meanPredicted()).isBetween(bin.minPredicted(), bin.maxPredicted());
      assertThat(bin.observedShare()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void modifiedBgNbdProbabilityAliveSeparatesHoldoutBuyers() {
    // Published CDNOW modified BG/NBD parameters (analytics-reference.md): P(alive | x = 0) < 1 here.
    ModifiedBgNbdModel modified = ModifiedBgNbdModel.of(new BgNbdParameters(0.525, 6.183, 0.891, 1.614));
    BacktestResult modifiedResult = Backtest.run(split, transactions, PurchasePredictor.of(modified));
    assertThat(modifiedResult.aliveAuc().getAsDouble()).isGreaterThan(0.6);
  }

  @Test
  void paretoNbdAdapterRunsOnTheSameSplit() {
    // Published CDNOW Pareto/NBD parameters (analytics-reference.md).
    ParetoNbdModel pareto = ParetoNbdModel.of(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669));
    BacktestResult paretoResult = Backtest.run(split, transactions, PurchasePredictor.of(pareto));
    assertThat(paretoResult.tracking().get(77).actual()).isEqualTo(4339);
    assertThat(paretoResult.aliveAuc().getAsDouble()).isGreaterThan(0.6);
    assertThat(paretoResult.tracking().get(77).predicted()).isFinite().isPositive();
    assertThat(paretoResult.accuracy().predictedTotal()).isFinite().isPositive();
  }
}
