package dev.custintel.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.backtest.Backtest;
import dev.custintel.analytics.clv.backtest.PurchasePredictor;
import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.StoreSummaries;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@code ci.forecast()} on the CDNOW sample in a store, on H2 and PostgreSQL: a BG/NBD run as of 1997-09-30, then
 * the 39-week forecast from its parameters (no refit) against the holdout backtest of the same parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastClientTest extends OnBothDatabases {
  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
  }

  @AfterParameterizedClassInvocation
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private ModelRun refresh() {
    return ci.models().refresh(ModelRunRequest.builder()
        .asOf(ForecastsCdnowTest.CALIBRATION_END)
        .unit(PeriodUnit.WEEKS)
        .purchaseModel(PurchaseModelKind.BG_NBD)
        .backtest(false)
        .noAffinity()
        .build());
  }

  @Test
  void forecast_fromTheActiveRun_equalsTheHoldoutBacktestOfItsParameters() {
    ModelRun run = refresh();
    PurchaseModel bgNbd = PurchaseModelKind.BG_NBD.of(run.fits().purchaseModel().parameters().values().stream()
        .mapToDouble(Double::doubleValue).toArray());
    CalibrationHoldoutSplit split = StoreSummaries.split(ci.store(), Currency.getInstance("USD"),
        ForecastsCdnowTest.CALIBRATION_END, ForecastsCdnowTest.HOLDOUT_END, PeriodUnit.WEEKS);
    double predicted = Backtest.run(split, bgNbd).accuracy().predictedTotal();

    Forecast f = ci.forecast().forecast(ForecastRequest.weeks(39));

    assertThat(f.model()).isEqualTo(PurchaseModelKind.BG_NBD);
    assertThat(f.calibrationEnd()).isEqualTo(ForecastsCdnowTest.CALIBRATION_END);
    assertThat(f.currency().getCurrencyCode()).isEqualTo("USD");
    assertThat(f.existingCustomers().expectedRepeatTransactions()).isCloseTo(predicted, within(1e-6 * predicted));
    assertThat(predicted).isCloseTo(1653, within(5.0)); // see ForecastsCdnowTest
    for (PeriodForecast p : f.periods()) {
      ExistingCustomersForecast e = p.existingCustomers();
      assertThat(e.low()).isLessThanOrEqualTo(e.expectedRepeatTransactions());
      assertThat(e.high()).isGreaterThanOrEqualTo(e.expectedRepeatTransactions());
      assertThat(e.expectedRepeatTransactions()).isGreaterThanOrEqualTo(0.0);
    }
    // The backtest refits at 1997-05-20 and meets the purchase days counted from the raw file (ForecastsCdnowTest).
    assertThat(f.backtest()).isNotNull();
    ForecastBacktest b = f.backtest();
    assertThat(b.cutoff()).isEqualTo(java.time.LocalDate.of(1997, 5, 20));
    assertThat(b.periods()).hasSize(19);
    assertThat(b.periods()).extracting(BacktestPeriod::actual).startsWith(55L, 70L, 33L);
    assertThat(b.periods().get(18).cumulativeActual()).isEqualTo(1098);
    assertThat(b.mape()).isNotNull().isLessThan(0.35);
  }

  @Test
  void monthly_coversTheSameDays_andTheBacktestCanBeLeftOut() {
    refresh();
    Forecast weekly = ci.forecast().forecast(ForecastRequest.weeks(39).withBacktest(false));
    Forecast monthly = ci.forecast().forecast(ForecastRequest.months(9).withBacktest(false));

    assertThat(monthly.backtest()).isNull();
    assertThat(monthly.backtestSkipped()).isNull();
    assertThat(monthly.periods()).extracting(p -> p.start().toString())
        .startsWith("1997-10-01", "1997-11-01", "1997-12-01");
    // 9 months from 1997-10-01 end on 1998-06-30, as 39 weeks do: the same expected total.
    assertThat(monthly.periods().get(8).end()).isEqualTo(ForecastsCdnowTest.HOLDOUT_END);
    assertThat(monthly.existingCustomers().expectedRepeatTransactions())
        .isCloseTo(weekly.existingCustomers().expectedRepeatTransactions(), within(1e-6 * 1653));
  }

  @Test
  void noActiveRun_isModelNotReady_andBadRequestsNameTheField() {
    try (CustomerIntelligence empty = CustomerIntelligence.builder().inMemory("forecast-empty-" + System.nanoTime())
        .build()) {
      assertThatThrownBy(() -> empty.forecast().forecast(ForecastRequest.weeks(4)))
          .isInstanceOf(ModelNotReadyException.class);
    }
    assertThatThrownBy(() -> ForecastRequest.weeks(0))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("horizon"));
    assertThatThrownBy(() -> ForecastPeriodUnit.parse("fortnight"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("period"));
  }
}
