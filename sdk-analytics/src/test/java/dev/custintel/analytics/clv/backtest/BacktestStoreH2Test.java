package dev.custintel.analytics.clv.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.BgNbdModel;
import dev.custintel.core.generate.BgNbdParameters;
import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CalibrationSummaries;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.StoreSummaries;
import dev.custintel.analytics.clv.summary.Transaction;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.TestDatabase;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backtest from a split computed in the database (CDNOW imported into H2), without the transactions in memory,
 * against the in-memory path.
 */
class BacktestStoreH2Test {

  private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
  // Published CDNOW BG/NBD parameters (analytics-reference.md).
  private static final PurchasePredictor BG_NBD =
      PurchasePredictor.of(BgNbdModel.of(new BgNbdParameters(0.243, 4.414, 0.793, 2.426)));

  @Test
  void storeSplitGivesTheSameBacktestAsTheInMemoryPath() {
    BacktestResult fromStore;
    try (TestDatabase database = TestDatabase.h2();
        CustintelStore store = database.configure(CustintelStore.builder()).build()) {
      store.ingestion().importFile(CdnowTransactions.FILE, ImportFormat.CDNOW, ImportOptions.defaults());
      CalibrationHoldoutSplit split =
          StoreSummaries.split(store, Currency.getInstance("USD"), CALIBRATION_END, HOLDOUT_END, PeriodUnit.WEEKS);
      fromStore = Backtest.run(split, BG_NBD);
    }
    List<Transaction> transactions = CdnowTransactions.loadByMasterId();
    CalibrationHoldoutSplit inMemorySplit =
        CalibrationSummaries.split(transactions, CALIBRATION_END, HOLDOUT_END, PeriodUnit.WEEKS);
    BacktestResult inMemory = Backtest.run(inMemorySplit, transactions, BG_NBD);

    assertThat(fromStore.tracking()).hasSize(78).isEqualTo(inMemory.tracking());
    assertThat(fromStore.tracking().get(38).actual()).isEqualTo(2_457);
    assertThat(fromStore.tracking().get(77).actual()).isEqualTo(4_339);
    // Same customers and predictions; the store orders customers by id, the in-memory path by first appearance.
    assertThat(fromStore.customers())
        .isSortedAccordingTo(Comparator.comparing(CustomerPrediction::customerId))
        .containsExactlyInAnyOrderElementsOf(inMemory.customers());
    HoldoutAccuracy a = fromStore.accuracy();
    HoldoutAccuracy e = inMemory.accuracy();
    assertThat(a.customers()).isEqualTo(2_357).isEqualTo(e.customers());
    assertThat(a.actualTotal()).isEqualTo(1_882).isEqualTo(e.actualTotal());
    // Sums in another order: equal up to rounding.
    assertThat(a.predictedTotal()).isCloseTo(e.predictedTotal(), within(1e-9));
    assertThat(a.meanAbsoluteError()).isCloseTo(e.meanAbsoluteError(), within(1e-12));
    assertThat(a.rootMeanSquaredError()).isCloseTo(e.rootMeanSquaredError(), within(1e-12));
    assertThat(fromStore.aliveAuc().getAsDouble()).isCloseTo(inMemory.aliveAuc().getAsDouble(), within(1e-12));
    assertThat(fromStore.aliveCalibration()).hasSameSizeAs(inMemory.aliveCalibration());
  }
}
