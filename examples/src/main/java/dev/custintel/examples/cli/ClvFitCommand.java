package dev.custintel.examples.cli;

import dev.custintel.analytics.clv.BgNbdModel;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.ModifiedBgNbdModel;
import dev.custintel.analytics.clv.ParetoNbdModel;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.backtest.Backtest;
import dev.custintel.analytics.clv.backtest.BacktestResult;
import dev.custintel.analytics.clv.backtest.PurchasePredictor;
import dev.custintel.analytics.clv.backtest.TrackingPoint;
import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.Summaries;
import dev.custintel.core.imports.ImportReport;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code custintel clv fit}: the CLV models fitted on a transaction file, and their holdout backtest, as JSON. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fits BG/NBD, modified BG/NBD, Pareto/NBD and Gamma-Gamma to the calibration period of a transaction file "
          + "and prints them as JSON; with --holdout-end, also backtests them on the holdout period.",
      "Each model (bgnbd, mbgnbd, paretoNbd, gammaGamma) shows its maximum-likelihood params, standardErrors "
          + "(null when the information matrix is not positive definite), logLikelihood, converged and iterations, "
          + "or {\"error\": \"...\"} when it cannot be fitted. Same-day purchases of a customer count as one; "
          + "days are UTC; only purchases (not returns) in one currency count. Gamma-Gamma is fitted on the mean "
          + "repeat spend of the customers with repeat purchases (its 'v' is the gamma rate, in the currency).",
      "With --holdout-end, the models are fitted on the calibration period only and 'backtest' compares them "
          + "with the holdout period (the day after --calibration-end to --holdout-end): holdoutPeriods is its "
          + "length in --period units; actualRepeatTransactions the purchase days in it of the calibration "
          + "customers; predicted the sum over customers of each model's conditional expected purchases over it; "
          + "tracking the cumulative repeat purchase days, actual and expected, at the end of each period from the "
          + "first purchase to --holdout-end (calibration and holdout); churnAuc the AUC of the modified BG/NBD's "
          + "churn risk 1 - P(alive) at the calibration end against 'no purchase in the holdout', which equals the "
          + "AUC of its P(alive) against 'purchased in the holdout' (null when all or none purchased). The modified "
          + "BG/NBD is used because the BG/NBD gives P(alive) = 1 to every customer without a repeat purchase.",
      "Exit code 1 if the data cannot be read or summarized, if no model could be fitted, or if a fitted model "
          + "did not converge, unless --allow-unconverged (the JSON is still printed)."
    },
    footer = {
      "",
      "Example (the CDNOW sample of the BG/NBD paper, 39 + 39 weeks):",
      "  custintel clv fit --transactions CDNOW_sample.txt --format cdnow \\",
      "      --calibration-end 1997-09-30 --holdout-end 1998-06-30 --period week"
    })
final class ClvFitCommand extends FileCommand {

  @Mixin ClvInput input;

  @Option(
      names = "--calibration-end",
      required = true,
      paramLabel = "DATE",
      converter = ClvInput.DateConverter.class,
      description = "Last day (UTC, inclusive) of the calibration period, such as 1997-09-30; later purchases "
          + "are not used for fitting")
  LocalDate calibrationEnd;

  @Option(
      names = "--holdout-end",
      paramLabel = "DATE",
      converter = ClvInput.DateConverter.class,
      description = "Last day (UTC, inclusive) of the holdout period, after --calibration-end: adds the backtest")
  @Nullable LocalDate holdoutEnd;

  @Option(
      names = "--allow-unconverged",
      description = "Exit 0 even when a model's maximum-likelihood search did not converge (its parameters, such "
          + "as r = 6e8 when the customers' purchase rates barely differ, are then not to be trusted)")
  boolean allowUnconverged;

  @Override
  public Integer call() {
    if (holdoutEnd != null && !holdoutEnd.isAfter(calibrationEnd)) {
      throw usage(
          "--holdout-end must be after --calibration-end " + calibrationEnd + " (was " + holdoutEnd + ")");
    }
    PrintWriter err = err();
    Map<String, Object> out = Json.object();
    ClvOrders data = input.load();
    warnAboutLeftOutRows(err, data.report());
    CalibrationHoldoutSplit split =
        holdoutEnd == null ? null : data.split(calibrationEnd, holdoutEnd, input.period);
    Summaries calibration = split == null ? data.summarize(calibrationEnd, input.period) : split.calibration();
    List<CustomerRfm> customers = calibration.customers();
    List<RfmSummary> rfm = ClvFits.rfm(customers);
    // The models are independent: the Pareto/NBD and the BG/NBD are fitted and backtested on threads of their own
    // while this one does the modified BG/NBD and the Gamma-Gamma (cold, on the CDNOW sample, the two groups take
    // about the same time). The same results, in about half the time on 2 cores.
    Background<Modelled<ParetoNbdModel>> pareto = Background.start("custintel-pareto-nbd",
        () -> Modelled.of(ClvFits.paretoNbd(rfm), split, PurchasePredictor::of));
    Background<Modelled<BgNbdModel>> bg = Background.start("custintel-bg-nbd",
        () -> Modelled.of(ClvFits.bgNbd(rfm), split, PurchasePredictor::of));
    Modelled<ModifiedBgNbdModel> modified = Modelled.of(ClvFits.modifiedBgNbd(rfm), split, PurchasePredictor::of);
    ClvFits.Fit<GammaGammaModel> gammaGamma = ClvFits.gammaGamma(ClvFits.spend(customers));
    Modelled<BgNbdModel> bgNbd = bg.join();
    Modelled<ParetoNbdModel> paretoNbd = pareto.join();
    ClvFits fits = new ClvFits(bgNbd.fit(), modified.fit(), paretoNbd.fit(), gammaGamma);

    out.put("period", ClvInput.periodName(input.period));
    out.put("customers", calibration.customers().size());
    out.put("excludedCustomers", calibration.excludedCustomers());
    out.put("currency", data.currency().getCurrencyCode());
    out.put("calibrationEnd", calibrationEnd.toString());
    if (holdoutEnd != null) {
      out.put("holdoutEnd", holdoutEnd.toString());
    }
    out.put("input", data.view());
    out.put("models", fits.view());
    if (split != null) {
      out.put("backtest", backtestView(split, bgNbd, paretoNbd, modified));
    }
    Json.print(out(), out);
    if (!fits.anyFitted()) {
      throw new CliException("no model could be fitted: " + fits.firstError());
    }
    List<String> unconverged = fits.unconverged();
    if (!unconverged.isEmpty() && !allowUnconverged) {
      throw new CliException("the fit of " + String.join(", ", unconverged) + " did not converge (\"converged\": "
          + "false in the JSON): its parameters are not to be trusted; use more or more varied data, or "
          + "--allow-unconverged to accept them");
    }
    return CustintelCli.OK;
  }

  /**
   * Warns on stderr when the import left rows out.
   *
   * @param err stderr
   * @param report what the import read
   */
  static void warnAboutLeftOutRows(PrintWriter err, ImportReport report) {
    long leftOut = report.rejectedCount() + report.skippedCount();
    if (leftOut > 0) {
      err.println("custintel: warning: " + leftOut + " of " + report.rowsRead() + " rows were left out ("
          + report.rejectedCount() + " malformed, " + report.skippedCount() + " unusable); "
          + "'custintel import' lists them");
      err.flush();
    }
  }

  /**
   * A model's fit and, when there is a holdout and the model was fitted, its backtest or why it failed.
   *
   * @param fit the fit
   * @param backtest the SDK's holdout backtest, or null
   * @param backtestError why the backtest failed, or null
   * @param <M> the model's type
   */
  record Modelled<M>(ClvFits.Fit<M> fit, @Nullable BacktestResult backtest, @Nullable String backtestError) {
    /**
     * Backtests a fit on the split, when both are there.
     *
     * @param fit the fit
     * @param split the calibration and holdout, or null without a holdout
     * @param predictor the model as a predictor
     * @param <M> the model's type
     * @return the fit with its backtest
     */
    static <M> Modelled<M> of(
        ClvFits.Fit<M> fit, @Nullable CalibrationHoldoutSplit split, Function<M, PurchasePredictor> predictor) {
      M model = fit.model();
      if (split == null || model == null) {
        return new Modelled<>(fit, null, null);
      }
      try {
        return new Modelled<>(fit, Backtest.run(split, predictor.apply(model)), null);
      } catch (RuntimeException e) {
        // Such as a BG/NBD fit with a + b <= 1, where its expected purchases are undefined.
        return new Modelled<>(fit, null, CustintelCli.oneLine(String.valueOf(e.getMessage())));
      }
    }
  }

  private static Map<String, Object> backtestView(CalibrationHoldoutSplit split, Modelled<BgNbdModel> bgNbdFit,
      Modelled<ParetoNbdModel> paretoNbdFit, Modelled<ModifiedBgNbdModel> modifiedFit) {
    Map<String, Object> errors = Json.object();
    putError(errors, "bgnbd", bgNbdFit);
    putError(errors, "paretoNbd", paretoNbdFit);
    putError(errors, "mbgnbd", modifiedFit);
    BacktestResult bgNbd = bgNbdFit.backtest();
    BacktestResult paretoNbd = paretoNbdFit.backtest();
    BacktestResult modified = modifiedFit.backtest();

    Map<String, Object> m = Json.object();
    m.put("holdoutPeriods", split.holdoutDuration());
    m.put("actualRepeatTransactions", split.totalHoldoutPurchases());
    Map<String, Object> predicted = Json.object();
    predicted.put("bgnbd", predictedTotal(bgNbd));
    predicted.put("paretoNbd", predictedTotal(paretoNbd));
    predicted.put("mbgnbd", predictedTotal(modified));
    m.put("predicted", predicted);
    m.put("tracking", tracking(bgNbd, paretoNbd, modified));
    m.put("churnAuc", modified == null || modified.aliveAuc().isEmpty()
        ? null : ClvFits.number(modified.aliveAuc().getAsDouble()));
    if (!errors.isEmpty()) {
      m.put("errors", errors);
    }
    return m;
  }

  private static void putError(Map<String, Object> errors, String name, Modelled<?> modelled) {
    if (modelled.backtestError() != null) {
      errors.put(name, modelled.backtestError());
    }
  }

  private static @Nullable Double predictedTotal(@Nullable BacktestResult result) {
    return result == null ? null : ClvFits.number(result.accuracy().predictedTotal());
  }

  private static List<Map<String, Object>> tracking(
      @Nullable BacktestResult bgNbd, @Nullable BacktestResult paretoNbd, @Nullable BacktestResult modified) {
    BacktestResult any = bgNbd != null ? bgNbd : paretoNbd != null ? paretoNbd : modified;
    List<Map<String, Object>> rows = new ArrayList<>();
    if (any == null) {
      return rows;
    }
    for (int i = 0; i < any.tracking().size(); i++) {
      TrackingPoint point = any.tracking().get(i);
      Map<String, Object> row = Json.object();
      row.put("period", point.period());
      row.put("actual", point.actual());
      row.put("bgnbd", predictedAt(bgNbd, i));
      row.put("paretoNbd", predictedAt(paretoNbd, i));
      row.put("mbgnbd", predictedAt(modified, i));
      row.put("inHoldout", point.inHoldout());
      rows.add(row);
    }
    return rows;
  }

  private static @Nullable Double predictedAt(@Nullable BacktestResult result, int index) {
    return result == null ? null : ClvFits.number(result.tracking().get(index).predicted());
  }
}
