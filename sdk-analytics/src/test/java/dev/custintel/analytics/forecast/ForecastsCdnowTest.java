package dev.custintel.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.BgNbdModel;
import dev.custintel.analytics.clv.BgNbdOptions;
import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaOptions;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import dev.custintel.analytics.clv.backtest.Backtest;
import dev.custintel.analytics.clv.backtest.BacktestResult;
import dev.custintel.analytics.clv.backtest.PurchasePredictor;
import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CalibrationSummaries;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.Summaries;
import dev.custintel.analytics.clv.summary.Transaction;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The forecast on the CDNOW sample of Fader, Hardie &amp; Lee (2005), BG/NBD, calibration to 1997-09-30, 39-week
 * holdout, without a store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastsCdnowTest {
  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
  private static final Currency USD = Currency.getInstance("USD");

  private List<Transaction> transactions;
  private CalibrationHoldoutSplit split;
  private BgNbdModel bgNbd;
  private CustomerValueModel model;
  private Forecast forecast;

  @BeforeAll
  void fit() throws IOException {
    transactions = new ArrayList<>();
    for (String line : Files.readAllLines(TestData.file("clv/CDNOW_sample.txt"))) {
      if (!line.isBlank()) {
        String[] f = line.trim().split("\\s+");
        transactions.add(Transaction.of(f[0], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE),
            new BigDecimal(f[4])));
      }
    }
    split = CalibrationSummaries.split(transactions, CALIBRATION_END, HOLDOUT_END, PeriodUnit.WEEKS);
    Summaries calibration = split.calibration();
    bgNbd = BgNbdModel.fit(calibration.customers().stream().map(RfmSummary::of).toList(), BgNbdOptions.defaults());
    GammaGammaModel spend = GammaGammaModel.fit(
        calibration.customers().stream().map(SpendSummary::of).toList(), GammaGammaOptions.defaults());
    model = CustomerValueModel.of(bgNbd, spend, PeriodUnit.WEEKS, USD);
    forecast = Forecasts.forecast(calibration, model, ForecastRequest.weeks(39));
  }

  @Test
  void existingCustomers_overTheHoldout_equalTheBacktestTotal() {
    BacktestResult backtest = Backtest.run(split, PurchasePredictor.of(bgNbd));
    double predicted = backtest.accuracy().predictedTotal();

    assertThat(forecast.model()).isEqualTo(PurchaseModelKind.BG_NBD);
    assertThat(forecast.periods()).hasSize(39);
    assertThat(forecast.periods().get(38).end()).isEqualTo(HOLDOUT_END);
    assertThat(forecast.existingCustomers().expectedRepeatTransactions())
        .isCloseTo(predicted, within(1e-6 * predicted));
    double sum = forecast.periods().stream()
        .mapToDouble(p -> p.existingCustomers().expectedRepeatTransactions()).sum();
    assertThat(sum).isCloseTo(predicted, within(1e-6 * predicted));
    // 4,339 - 2,457 = 1,882 repeat purchase days in the holdout (Fader, Hardie & Lee 2005; counted from the file
    // too). Summed per customer, the BG/NBD's conditional expectations under-forecast them on this sample: about
    // 1,653 (as ModifiedBgNbdModelFitTest notes with CLVTools' parameters; the paper's 1,880 is its aggregate
    // tracking curve, E[X(t)] over the cohorts, not this sum). So: close to 1,653, and within the 15% of the actual
    // that BacktestCdnowTest allows, below it.
    assertThat(split.totalHoldoutPurchases()).isEqualTo(1882);
    assertThat(predicted).isCloseTo(1653, within(5.0));
    assertThat(predicted).isCloseTo(1882, within(0.15 * 1882)).isLessThan(1882);
  }

  @Test
  void periods_areNonNegative_cumulativeNeverDecreases_andIntervalsHoldThePoint() {
    double cumulative = 0.0;
    BigDecimal revenue = BigDecimal.ZERO;
    for (PeriodForecast p : forecast.periods()) {
      ExistingCustomersForecast e = p.existingCustomers();
      assertThat(e.expectedRepeatTransactions()).isGreaterThanOrEqualTo(0.0);
      assertThat(e.low()).isLessThanOrEqualTo(e.expectedRepeatTransactions());
      assertThat(e.high()).isGreaterThanOrEqualTo(e.expectedRepeatTransactions());
      assertThat(e.low()).isGreaterThanOrEqualTo(0.0);
      assertThat(e.expectedRevenue().amount().signum()).isGreaterThanOrEqualTo(0);
      assertThat(p.newCustomers().firstOrders()).isGreaterThanOrEqualTo(0.0);
      assertThat(p.newCustomers().repeatTransactions()).isGreaterThanOrEqualTo(0.0);
      double next = cumulative + p.total().expectedTransactions();
      assertThat(next).isGreaterThanOrEqualTo(cumulative);
      cumulative = next;
      revenue = revenue.add(p.total().expectedRevenue().amount());
      assertThat(p.total().expectedTransactions()).isEqualTo(
          e.expectedRepeatTransactions() + p.newCustomers().expectedTransactions());
      assertThat(p.total().expectedRevenue().amount())
          .isEqualByComparingTo(e.expectedRevenue().amount().add(p.newCustomers().expectedRevenue().amount()));
    }
    ExistingCustomersForecast total = forecast.existingCustomers();
    assertThat(total.low()).isLessThan(total.expectedRepeatTransactions());
    assertThat(total.high()).isGreaterThan(total.expectedRepeatTransactions());
    assertThat(forecast.total().expectedTransactions()).isCloseTo(cumulative, within(1e-9 * cumulative));
    // The horizon's revenue is rounded once, the periods' each: at most half a cent apart per period.
    assertThat(forecast.total().expectedRevenue().amount())
        .isCloseTo(revenue, within(new BigDecimal("0.005").multiply(BigDecimal.valueOf(2 * 39))));
    assertThat(forecast.total().expectedTransactions()).isEqualTo(
        total.expectedRepeatTransactions() + forecast.newCustomers().expectedTransactions());
  }

  @Test
  void intervals_matchTheDeltaMethodAtTheHorizon() {
    // Recompute the total's interval independently: ln S by central differences in each log-parameter, then
    // S · exp(± z · sd) with the fit's covariance and z = 1.6449 (90%).
    double[] theta = bgNbd.logParameters();
    double s = total(bgNbd);
    double[] g = new double[4];
    for (int j = 0; j < 4; j++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[j] += 1e-4;
      down[j] -= 1e-4;
      g[j] = (Math.log(total(bgNbd.withLogParameters(up))) - Math.log(total(bgNbd.withLogParameters(down)))) / 2e-4;
    }
    double variance = 0.0;
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        variance += g[a] * model.purchaseCovariance().logCovariance(a, b) * g[b];
      }
    }
    double sd = Math.sqrt(variance);
    ExistingCustomersForecast e = forecast.existingCustomers();
    assertThat(e.low()).isCloseTo(s * Math.exp(-1.6448536269514722 * sd), within(1e-3 * s * sd));
    assertThat(e.high()).isCloseTo(s * Math.exp(1.6448536269514722 * sd), within(1e-3 * s * sd));
  }

  private double total(dev.custintel.analytics.clv.PurchaseModel m) {
    double sum = 0.0;
    for (var c : split.calibration().customers()) {
      sum += m.conditionalExpectedPurchases(39.0, RfmSummary.of(c));
    }
    return sum;
  }

  @Test
  void revenue_isTransactionsTimesSpend_betweenTheSpendExtremes() {
    // Each customer's E[Z | x, z̄] lies between the population mean and their own mean, so the revenue per
    // transaction lies within the range of the customers' expected spends.
    double perTransaction = forecast.existingCustomers().expectedRevenue().amount().doubleValue()
        / forecast.existingCustomers().expectedRepeatTransactions();
    double min = Double.MAX_VALUE;
    double max = 0.0;
    for (var c : split.calibration().customers()) {
      double z = model.spend().conditionalExpectedSpend(SpendSummary.of(c));
      min = Math.min(min, z);
      max = Math.max(max, z);
    }
    assertThat(perTransaction).isBetween(min, max);
    // The sample's mean repeat purchase is about 35 USD (Fader & Hardie's Gamma-Gamma note: E[Z] = 35.3).
    assertThat(perTransaction).isBetween(25.0, 50.0);
  }

  @Test
  void newCustomers_noneAfterTheFirstQuarter_forecastNone() {
    // Every sample customer first bought by 1997-03-25, so the 26 weeks before the forecast have no first order:
    // the naive forecast (season 1: 39 weeks of history is under two years) is 0.
    NewCustomerModel m = forecast.newCustomerModel();
    assertThat(m.historyPeriods()).isEqualTo(39);
    assertThat(m.seasonLength()).isEqualTo(1);
    assertThat(m.holdoutPeriods()).isEqualTo(13);
    assertThat(m.seasonalNaiveError()).isEqualTo(0.0);
    assertThat(forecast.newCustomers().firstOrders()).isLessThan(1.0);
    // Counted from the raw file with Python: the 2,357 first purchase days total 77,759.95 USD, 32.99 each.
    assertThat(m.meanFirstOrderValue().amount()).isEqualByComparingTo("32.99");
  }

  @Test
  void backtest_againstThePurchaseDaysAfterTheCutoff() {
    Summaries calibration = split.calibration();
    Forecasts.BacktestWindow window = Forecasts.backtestCutoff(calibration, ForecastRequest.weeks(39)).orElseThrow();
    // 38 whole weeks from 1997-01-01 to the forecast: half of them, 19, before 1997-10-01.
    assertThat(window.periods()).isEqualTo(19);
    assertThat(window.cutoff()).isEqualTo(LocalDate.of(1997, 5, 20));
    Summaries atCutoff = CalibrationSummaries.summarize(transactions, window.cutoff(), PeriodUnit.WEEKS);
    CustomerValueModel m = CustomerValueModel.of(
        BgNbdModel.fit(atCutoff.customers().stream().map(RfmSummary::of).toList(), BgNbdOptions.defaults()),
        GammaGammaModel.fit(atCutoff.customers().stream().map(SpendSummary::of).toList(),
            GammaGammaOptions.defaults()),
        PeriodUnit.WEEKS, USD);

    ForecastBacktest b = Forecasts.backtest(atCutoff, m, ForecastRequest.weeks(39), window.periods(),
        Forecasts.purchaseDaysByDay(transactions));

    assertThat(b.periods()).hasSize(19);
    // Counted from the raw file with Python: customer-days from 1997-05-21 to 1997-09-30, and the first weeks.
    assertThat(b.periods()).extracting(BacktestPeriod::actual).startsWith(55L, 70L, 33L);
    assertThat(b.periods().get(18).cumulativeActual()).isEqualTo(1098);
    assertThat(b.periodsInMape()).isEqualTo(19);
    double mape = 0.0;
    for (BacktestPeriod p : b.periods()) {
      mape += Math.abs(p.predicted() - p.actual()) / p.actual();
    }
    assertThat(b.mape()).isCloseTo(mape / 19, within(1e-12));
    // A model fitted on under 5 months still tracks the next 4.5 within a third per week on average.
    assertThat(b.mape()).isLessThan(0.35);
    assertThat(b.periods().get(18).cumulativePredicted()).isCloseTo(1098, within(0.2 * 1098));
  }
}
