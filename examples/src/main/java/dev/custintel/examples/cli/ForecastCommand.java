package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.forecast.BacktestPeriod;
import dev.custintel.analytics.forecast.ExistingCustomersForecast;
import dev.custintel.analytics.forecast.Forecast;
import dev.custintel.analytics.forecast.ForecastBacktest;
import dev.custintel.analytics.forecast.ForecastRequest;
import dev.custintel.analytics.forecast.ForecastTotal;
import dev.custintel.analytics.forecast.NewCustomerModel;
import dev.custintel.analytics.forecast.NewCustomersForecast;
import dev.custintel.analytics.forecast.PeriodForecast;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.model.Money;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custintel forecast}: expected transactions and revenue per week or month, as JSON. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Forecasts transactions and revenue per week (--horizon-weeks) or month (--horizon-months) after the "
          + "calibration end: existing customers' repeat purchase days from the purchase model, with an interval "
          + "from its parameter uncertainty (as for LTV), and revenue from their Gamma-Gamma expected spend; new "
          + "customers' first orders from seasonal naive or Holt-Winters (whichever erred less on the last periods "
          + "of the history), valued at the mean first order, plus their own repeat purchases; and a backtest of "
          + "the whole forecast on the periods before the calibration end (MAPE and tracking per period).",
      "With --transactions, the models are fitted on the file's purchases up to --calibration-end (which has the "
          + "meaning it has in 'clv fit'). With --db, the database's active model run is used as fitted, and "
          + "period 1 starts the day after its as-of day.",
      "JSON: {\"model\":\"bgnbd\",\"currency\":\"USD\",\"calibrationEnd\":\"...\",\"period\":\"week\",\"periods\":"
          + "[{\"index\":1,\"start\":\"...\",\"existingCustomers\":{\"expectedRepeatTransactions\":...,\"low\":...,"
          + "\"high\":...,\"expectedRevenue\":\"...\"},\"newCustomers\":{\"firstOrders\":...,\"repeatTransactions\":"
          + "...,\"expectedTransactions\":...,\"expectedRevenue\":\"...\"},\"total\":{\"expectedTransactions\":...,"
          + "\"expectedRevenue\":\"...\"}},...],\"existingCustomers\":{...},\"newCustomers\":{...,\"model\":{...}},"
          + "\"total\":{...},\"backtest\":{\"cutoff\":\"...\",\"mape\":...,\"periods\":[...]}}. Amounts are strings "
          + "in the currency."
    },
    footer = {
      "",
      "Example (the CDNOW sample, BG/NBD, the 39 weeks after the calibration):",
      "  custintel forecast --transactions CDNOW_sample.txt --format cdnow \\",
      "      --calibration-end 1997-09-30 --horizon-weeks 39"
    })
final class ForecastCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Where the data comes from: a file, or a database. */
  static final class Source {
    @ArgGroup(exclusive = false)
    @Nullable FileSource file;

    @Option(names = "--db", paramLabel = "JDBC_URL",
        description = "A database an earlier 'custintel import' and 'custintel models refresh' filled; its active "
            + "model run is used")
    @Nullable String db;
  }

  /** The file options, as for 'clv fit'. */
  static final class FileSource {
    @Option(
        names = "--transactions",
        required = true,
        paramLabel = "FILE",
        description = "The transaction file; - reads standard input")
    Path transactions;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
        converter = ImportCommand.FormatConverter.class, completionCandidates = ImportCommand.FormatNames.class,
        description = "The file's layout, as for 'custintel import': ${COMPLETION-CANDIDATES}")
    ImportFormat format;

    @Option(names = "--calibration-end", required = true, paramLabel = "DATE",
        converter = ClvInput.DateConverter.class,
        description = "Last day (UTC, inclusive) of the purchases the models are fitted on; period 1 starts the "
            + "day after")
    LocalDate calibrationEnd;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--horizon-weeks", paramLabel = "N", description = "Forecast N weeks (1 to 520)")
  @Nullable Integer weeks;

  @Option(names = "--horizon-months", paramLabel = "N", description = "Forecast N calendar months (1 to 520)")
  @Nullable Integer months;

  @Option(names = "--model", paramLabel = "MODEL", converter = ClvScoreCommand.ModelConverter.class,
      completionCandidates = ClvScoreCommand.ModelNames.class,
      description = "With --transactions: the purchase model, ${COMPLETION-CANDIDATES} (default: bgnbd). With --db "
          + "the active run's model is used")
  @Nullable PurchaseModelKind model;

  @Option(names = "--currency", paramLabel = "CODE", converter = DemoCommand.CurrencyConverter.class,
      description = "With --transactions: the purchases in this currency (default: the file's only one)")
  @Nullable Currency currency;

  @Option(names = "--period", paramLabel = "UNIT", defaultValue = "week", converter = ClvInput.PeriodConverter.class,
      description = "With --transactions: the time unit of the models, day or week (default: ${DEFAULT-VALUE})")
  PeriodUnit unit;

  @Option(names = "--no-backtest", description = "Leave the backtest out")
  boolean noBacktest;

  @Override
  public Integer call() {
    if ((weeks == null) == (months == null)) {
      throw new ParameterException(spec.commandLine(), "give one of --horizon-weeks N or --horizon-months N");
    }
    ForecastRequest request = (weeks != null ? ForecastRequest.weeks(weeks) : ForecastRequest.months(months))
        .withBacktest(!noBacktest);
    Forecast forecast;
    FileSource file = source.file;
    if (file == null) {
      if (model != null) {
        throw new ParameterException(spec.commandLine(),
            "--model goes with --transactions; with --db the active model run's model is used");
      }
      String db = java.util.Objects.requireNonNull(source.db, "--db or --transactions"); // the group requires one
      Databases.checkUrl(spec, db);
      try (CustomerIntelligence ci = Databases.open(Databases.existingOnly(db), Clock.systemUTC())) {
        forecast = ci.forecast().forecast(request);
      }
    } else {
      PurchaseModelKind kind = model == null ? PurchaseModelKind.BG_NBD : model;
      Path transactions = ClvInput.readable("--transactions", file.transactions);
      try (ClvData data = ClvData.load(transactions, file.format, currency)) {
        ClvFitCommand.warnAboutLeftOutRows(spec.commandLine().getErr(), data.report());
        data.summarize(file.calibrationEnd, unit); // names --calibration-end when it is before every purchase
        try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(data.jdbcUrl()).build()) {
          ci.models().refresh(ModelRunRequest.builder()
              .asOf(file.calibrationEnd)
              .currency(data.currency())
              .unit(unit)
              .purchaseModel(kind)
              .backtest(false)
              .noAffinity()
              .build());
          forecast = ci.forecast().forecast(request);
        }
      }
    }
    Json.print(spec.commandLine().getOut(), view(forecast));
    return CustintelCli.OK;
  }

  /**
   * @param f a forecast
   * @return its JSON view
   */
  static Map<String, Object> view(Forecast f) {
    Map<String, Object> m = Json.object();
    m.put("model", f.model().id());
    m.put("currency", f.currency().getCurrencyCode());
    m.put("calibrationEnd", f.calibrationEnd().toString());
    m.put("period", f.period().lowerCase());
    m.put("intervalLevel", f.intervalLevel());
    List<Map<String, Object>> periods = new ArrayList<>();
    for (PeriodForecast p : f.periods()) {
      Map<String, Object> row = Json.object();
      row.put("index", p.index());
      row.put("start", p.start().toString());
      row.put("existingCustomers", existing(p.existingCustomers()));
      row.put("newCustomers", fresh(p.newCustomers()));
      row.put("total", total(p.total()));
      periods.add(row);
    }
    m.put("periods", periods);
    m.put("existingCustomers", existing(f.existingCustomers()));
    Map<String, Object> fresh = fresh(f.newCustomers());
    fresh.put("model", newCustomerModel(f.newCustomerModel()));
    m.put("newCustomers", fresh);
    m.put("total", total(f.total()));
    m.put("backtest", backtest(f.backtest(), f.backtestSkipped()));
    return m;
  }

  private static Map<String, Object> existing(ExistingCustomersForecast e) {
    Map<String, Object> m = Json.object();
    m.put("expectedRepeatTransactions", e.expectedRepeatTransactions());
    m.put("low", e.low());
    m.put("high", e.high());
    m.put("expectedRevenue", money(e.expectedRevenue()));
    return m;
  }

  private static Map<String, Object> fresh(NewCustomersForecast n) {
    Map<String, Object> m = Json.object();
    m.put("firstOrders", n.firstOrders());
    m.put("repeatTransactions", n.repeatTransactions());
    m.put("expectedTransactions", n.expectedTransactions());
    m.put("expectedRevenue", money(n.expectedRevenue()));
    return m;
  }

  private static Map<String, Object> total(ForecastTotal t) {
    Map<String, Object> m = Json.object();
    m.put("expectedTransactions", t.expectedTransactions());
    m.put("expectedRevenue", money(t.expectedRevenue()));
    return m;
  }

  private static Map<String, Object> newCustomerModel(NewCustomerModel n) {
    Map<String, Object> m = Json.object();
    m.put("method", n.method() == NewCustomerModel.Method.HOLT_WINTERS ? "holtWinters" : "seasonalNaive");
    m.put("seasonLength", n.seasonLength());
    m.put("historyPeriods", n.historyPeriods());
    m.put("holdoutPeriods", n.holdoutPeriods());
    m.put("seasonalNaiveError", n.seasonalNaiveError());
    m.put("holtWintersError", n.holtWintersError());
    m.put("alpha", n.alpha());
    m.put("beta", n.beta());
    m.put("gamma", n.gamma());
    m.put("meanFirstOrderValue", money(n.meanFirstOrderValue()));
    return m;
  }

  private static @Nullable Map<String, Object> backtest(@Nullable ForecastBacktest b, @Nullable String skipped) {
    if (b == null) {
      if (skipped == null) {
        return null;
      }
      Map<String, Object> m = Json.object();
      m.put("skipped", skipped);
      return m;
    }
    Map<String, Object> m = Json.object();
    m.put("cutoff", b.cutoff().toString());
    m.put("mape", b.mape());
    m.put("periodsInMape", b.periodsInMape());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BacktestPeriod p : b.periods()) {
      Map<String, Object> row = Json.object();
      row.put("index", p.index());
      row.put("start", p.start().toString());
      row.put("predicted", p.predicted());
      row.put("actual", p.actual());
      row.put("cumulativePredicted", p.cumulativePredicted());
      row.put("cumulativeActual", p.cumulativeActual());
      rows.add(row);
    }
    m.put("periods", rows);
    return m;
  }

  private static String money(Money amount) {
    return Json.amount(amount.amount(), amount.currency());
  }
}
