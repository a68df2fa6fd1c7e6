package dev.custintel.examples.cli;

import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.FitDiagnostics;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaOptions;
import dev.custintel.analytics.clv.GammaGammaParameters;
import dev.custintel.analytics.clv.Horizon;
import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.core.InvalidInputException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code custintel clv score}: every customer's P(alive), expected purchases and lifetime value over a horizon, as
 * CSV on stdout. The CSV's columns are a contract ({@link #HEADER}); the one-line summary goes to stderr.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fits a purchase model (default: the modified BG/NBD) and the Gamma-Gamma spend model to the calibration "
          + "period of a transaction file and prints every customer's value over the horizon after "
          + "--calibration-end as CSV on stdout, one line per customer in ascending order of customer id, under a "
          + "header naming the columns: customer_id, frequency, recency, T, monetary_value, p_alive, "
          + "expected_purchases, clv, clv_low, clv_high.",
      "frequency, recency, T and monetary_value are the calibration summary (repeat purchase days; first to last "
          + "purchase day and first purchase day to --calibration-end, in --period units; mean repeat purchase "
          + "amount, 0 without repeat purchase); p_alive is P(alive) at --calibration-end; expected_purchases the "
          + "expected purchases over the horizon (undiscounted); clv the expected spend over the horizon, "
          + "discounted monthly (a month is 365.25/12 days); clv_low and clv_high the --interval-level interval "
          + "of clv from the fits' parameter uncertainty (delta method), not from one customer's randomness.",
      "Numbers are plain decimals, never in exponent notation nor NaN: the shortest decimal that reads back as "
          + "the same double (Java's Double.toString digits, written out), such as 0.7061389916194492 or 12.0. "
          + "A customer id holding a comma, quote or line break is quoted as in RFC 4180.",
      "A one-line summary (customers, model, parameters, total clv) goes to stderr, so stdout is only CSV.",
      "Exit code 1 if the data cannot be read or summarized, or a model cannot be fitted or does not converge "
          + "(with its iterations and gradient norm)."
    },
    footer = {
      "",
      "Example (the CDNOW sample of the BG/NBD paper, 12 months ahead of 1997-09-30):",
      "  custintel clv score --transactions CDNOW_sample.txt --format cdnow \\",
      "      --calibration-end 1997-09-30 --period week > cdnow-clv.csv"
    })
final class ClvScoreCommand extends FileCommand {

  /** The CSV header: a contract other tools rely on. */
  static final String HEADER =
      "customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,clv,clv_low,clv_high";

  /** Characters of CSV written at a time. */
  private static final int CHUNK = 1 << 16;

  /** The longest horizon {@link Horizon} accepts: 100 years. */
  static final double MAX_HORIZON_MONTHS = 1_200;

  @Mixin ClvInput input;

  @Option(
      names = "--calibration-end",
      required = true,
      paramLabel = "DATE",
      converter = ClvInput.DateConverter.class,
      description = "Last day (UTC, inclusive) of the calibration period, such as 1997-09-30; the models are "
          + "fitted on the purchases up to it and the horizon starts after it")
  LocalDate calibrationEnd;

  @Option(
      names = "--horizon-months",
      paramLabel = "M",
      defaultValue = "12",
      description = "How many months ahead expected_purchases and clv look, above 0 and at most 1200 "
          + "(default: ${DEFAULT-VALUE})")
  double horizonMonths;

  @Option(
      names = "--monthly-discount-rate",
      paramLabel = "D",
      defaultValue = "0.01",
      description = "Discount rate per month, 0 or more and below 1: a purchase in month i counts 1/(1+D)^i "
          + "(default: ${DEFAULT-VALUE}, about 12.7%% a year)")
  double monthlyDiscountRate;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      defaultValue = "mbgnbd",
      converter = ModelConverter.class,
      completionCandidates = ModelNames.class,
      description = "The purchase model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, under which "
          + "one-time buyers can churn; under bgnbd their p_alive is 1)")
  PurchaseModelKind model;

  @Option(
      names = "--interval-level",
      paramLabel = "L",
      defaultValue = "0.9",
      description = "Coverage of the clv_low to clv_high interval, between 0 and 1 (default: ${DEFAULT-VALUE})")
  double intervalLevel;

  @Override
  public Integer call() {
    ValuationOptions valuation = valuation();
    PrintWriter err = err();
    Currency currency;
    List<CustomerRfm> customers;
    ClvOrders data = input.load();
    ClvFitCommand.warnAboutLeftOutRows(err, data.report());
    customers = data.summarize(calibrationEnd, input.period).customers();
    currency = data.currency();
    PurchaseModel purchases = fitPurchases(customers);
    GammaGammaModel spend = fitSpend(customers);
    CustomerValueModel values;
    try {
      values = CustomerValueModel.of(purchases, spend, input.period, currency);
    } catch (InvalidInputException e) {
      throw new CliException("cannot value the customers: " + e.getMessage());
    }
    List<CustomerValue> scored = values.values(customers, valuation);
    for (CustomerValue v : scored) {
      // Checked before anything is printed, so that a failure leaves no partial CSV.
      for (double number : numbers(v)) {
        plain(number, v.customerId());
      }
    }

    PrintWriter out = out();
    String newLine = System.lineSeparator();
    // Written in chunks: the writer flushes at every println, too often for a million customers.
    StringBuilder chunk = new StringBuilder(CHUNK + 256).append(HEADER).append(newLine);
    double total = 0.0;
    for (CustomerValue v : scored) {
      chunk.append(csvField(v.customerId())).append(',').append(v.frequency());
      for (double number : numbers(v)) {
        chunk.append(',').append(plain(number, v.customerId()));
      }
      chunk.append(newLine);
      total += v.value();
      if (chunk.length() >= CHUNK) {
        out.print(chunk);
        chunk.setLength(0);
      }
    }
    out.print(chunk);
    out.flush();
    err.println(summary(scored.size(), purchases, spend.parameters(), total, currency));
    err.flush();
    return CustintelCli.OK;
  }

  /** @return the CSV's numbers of a customer after the frequency, in column order */
  private static double[] numbers(CustomerValue v) {
    return new double[] {v.recency(), v.age(), v.monetaryValue(), v.probabilityAlive(), v.expectedPurchases(),
        v.value(), v.valueLow(), v.valueHigh()};
  }

  /** @return the valuation options, or a usage error naming the option at fault */
  private ValuationOptions valuation() {
    if (!(horizonMonths > 0.0 && horizonMonths <= MAX_HORIZON_MONTHS)) {
      throw usage("--horizon-months must be above 0 and at most " + (int) MAX_HORIZON_MONTHS + " (was "
          + horizonMonths + ")");
    }
    if (!(monthlyDiscountRate >= 0.0 && monthlyDiscountRate < 1.0)) {
      throw usage("--monthly-discount-rate must be 0 or more and below 1 (was " + monthlyDiscountRate + ")");
    }
    if (!(intervalLevel > 0.0 && intervalLevel < 1.0)) {
      throw usage("--interval-level must be between 0 and 1, such as 0.9 (was " + intervalLevel + ")");
    }
    return new ValuationOptions(Horizon.months(horizonMonths), monthlyDiscountRate, intervalLevel);
  }

  private PurchaseModel fitPurchases(List<CustomerRfm> customers) {
    List<RfmSummary> rfm = customers.stream().map(c -> RfmSummary.of(c.frequency(), c.recency(), c.age())).toList();
    PurchaseModel fitted;
    try {
      fitted = model.fit(rfm);
    } catch (InvalidInputException e) {
      throw new CliException("the " + model.id() + " model cannot be fitted: " + e.getMessage());
    }
    requireConverged(model.id(), fitted.diagnostics());
    return fitted;
  }

  private static GammaGammaModel fitSpend(List<CustomerRfm> customers) {
    List<SpendSummary> spend =
        customers.stream().map(c -> new SpendSummary(c.frequency(), c.monetaryValue().doubleValue())).toList();
    GammaGammaModel fitted;
    try {
      fitted = GammaGammaModel.fit(spend, GammaGammaOptions.defaults());
    } catch (InvalidInputException e) {
      throw new CliException("the gammaGamma spend model cannot be fitted: " + e.getMessage());
    }
    requireConverged("gammaGamma", fitted.diagnostics());
    return fitted;
  }

  /**
   * @param model the model's id
   * @param diagnostics how its fit went
   * @throws CliException giving the iterations and gradient norm when the fit did not converge
   */
  static void requireConverged(String model, Optional<FitDiagnostics> diagnostics) {
    if (diagnostics.isPresent() && !diagnostics.get().converged()) {
      FitDiagnostics d = diagnostics.get();
      throw new CliException("the " + model + " fit did not converge after " + d.iterations()
          + " iterations (gradient norm " + d.gradientNorm() + "); its values would not be trustworthy, so none "
          + "are printed. Try a longer calibration period, another --period or another --model");
    }
  }

  /**
   * One CSV field as RFC 4180 writes it: as is, or in double quotes (inner quotes doubled) when it holds a comma,
   * a double quote or a line break.
   *
   * @param value the text
   * @return the field
   */
  static String csvField(String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  /**
   * A number in plain decimal notation: the digits of {@link Double#toString(double)} (the shortest that read back
   * as the same double) without its exponent, so that {@code 1.0E-5} is written {@code 0.000010}.
   *
   * @param value a finite number
   * @param customerId whose number it is, for the message
   * @return such as {@code 0.7061389916194492}, {@code 12.0} or {@code 0.000010}
   * @throws CliException if the value is NaN or infinite (the SDK never returns one)
   */
  static String plain(double value, String customerId) {
    if (!Double.isFinite(value)) {
      throw new CliException("internal error: the value model returned " + value + " for customer " + customerId
          + "; please report it");
    }
    return BigDecimal.valueOf(value).toPlainString();
  }

  private String summary(
      int customers, PurchaseModel purchases, GammaGammaParameters spend, double total, Currency currency) {
    List<String> names = model.parameterNames();
    double[] logs = purchases.logParameters();
    List<String> params = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      params.add(names.get(i) + " " + rounded(Math.exp(logs[i])));
    }
    String spendParams = "p " + rounded(spend.p()) + ", q " + rounded(spend.q()) + ", gamma " + rounded(spend.gamma());
    return "custintel: scored " + TextTable.count(customers) + " customers to " + calibrationEnd + " with "
        + model.id() + " (" + String.join(", ", params) + ") and gammaGamma (" + spendParams + "); total clv over "
        + Horizon.months(horizonMonths) + " " + BigDecimal.valueOf(total).setScale(2, RoundingMode.HALF_EVEN)
        .toPlainString() + " " + currency.getCurrencyCode() + " (discount " + monthlyDiscountRate + " a month)";
  }

  private static String rounded(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }

  /** The purchase model ids for the help. */
  static final class ModelNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ModelNames() {
      super(Arrays.stream(PurchaseModelKind.values()).map(PurchaseModelKind::id).toList());
    }
  }

  /** Reads {@code --model}: a {@link PurchaseModelKind#id()}, in any case. */
  static final class ModelConverter implements ITypeConverter<PurchaseModelKind> {
    @Override
    public PurchaseModelKind convert(String value) {
      for (PurchaseModelKind kind : PurchaseModelKind.values()) {
        if (kind.id().equalsIgnoreCase(value)) {
          return kind;
        }
      }
      throw new TypeConversionException("must be one of " + String.join(", ", new ModelNames()) + " (was '"
          + value + "')");
    }
  }
}
