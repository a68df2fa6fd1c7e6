package dev.custintel.examples.cli;

import dev.custintel.analytics.clv.BgNbdModel;
import dev.custintel.analytics.clv.BgNbdOptions;
import dev.custintel.core.generate.BgNbdParameters;
import dev.custintel.analytics.clv.BgNbdStandardErrors;
import dev.custintel.analytics.clv.FitDiagnostics;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaOptions;
import dev.custintel.analytics.clv.GammaGammaParameters;
import dev.custintel.analytics.clv.GammaGammaSampleCounts;
import dev.custintel.analytics.clv.GammaGammaStandardErrors;
import dev.custintel.analytics.clv.ModifiedBgNbdModel;
import dev.custintel.analytics.clv.ParetoNbdModel;
import dev.custintel.analytics.clv.ParetoNbdOptions;
import dev.custintel.analytics.clv.ParetoNbdParameters;
import dev.custintel.analytics.clv.ParetoNbdStandardErrors;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The four CLV models fitted by maximum likelihood, with the SDK's default options, on one set of calibration
 * summaries. A model that cannot be fitted (no repeat purchase, no positive spend, a failed search) holds its
 * error instead, so that the others are still reported.
 *
 * @param bgNbd the BG/NBD
 * @param modifiedBgNbd the modified BG/NBD
 * @param paretoNbd the Pareto/NBD
 * @param gammaGamma the Gamma-Gamma spend model, fitted on the repeat customers' mean repeat spend
 */
record ClvFits(
    Fit<BgNbdModel> bgNbd,
    Fit<ModifiedBgNbdModel> modifiedBgNbd,
    Fit<ParetoNbdModel> paretoNbd,
    Fit<GammaGammaModel> gammaGamma) {

  /**
   * A fitted model or why it could not be fitted: exactly one of the two is set.
   *
   * @param model the model, or null
   * @param error the one-line reason, or null
   * @param <M> the model type
   */
  record Fit<M>(@Nullable M model, @Nullable String error) {
    static <M> Fit<M> of(Supplier<M> fitting) {
      try {
        return new Fit<>(fitting.get(), null);
      } catch (RuntimeException e) {
        // Report the failure of this model and go on with the others.
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Fit<>(null, CustintelCli.oneLine(message));
      }
    }
  }

  /** @return the purchase models' summaries of the customers, in their order */
  static List<RfmSummary> rfm(List<CustomerRfm> customers) {
    return customers.stream().map(c -> RfmSummary.of(c.frequency(), c.recency(), c.age())).toList();
  }

  /** @return the spend model's summaries of the customers, in their order */
  static List<SpendSummary> spend(List<CustomerRfm> customers) {
    return customers.stream().map(c -> new SpendSummary(c.frequency(), c.monetaryValue().doubleValue())).toList();
  }

  /** @return the BG/NBD fitted with the SDK's defaults, or why not */
  static Fit<BgNbdModel> bgNbd(List<RfmSummary> rfm) {
    return Fit.of(() -> BgNbdModel.fit(rfm, BgNbdOptions.defaults()));
  }

  /** @return the modified BG/NBD fitted with the SDK's defaults, or why not */
  static Fit<ModifiedBgNbdModel> modifiedBgNbd(List<RfmSummary> rfm) {
    return Fit.of(() -> ModifiedBgNbdModel.fit(rfm, BgNbdOptions.defaults()));
  }

  /** @return the Pareto/NBD fitted with the SDK's defaults, or why not */
  static Fit<ParetoNbdModel> paretoNbd(List<RfmSummary> rfm) {
    return Fit.of(() -> ParetoNbdModel.fit(rfm, ParetoNbdOptions.defaults()));
  }

  /** @return the Gamma-Gamma fitted with the SDK's defaults, or why not */
  static Fit<GammaGammaModel> gammaGamma(List<SpendSummary> spend) {
    return Fit.of(() -> GammaGammaModel.fit(spend, GammaGammaOptions.defaults()));
  }

  /** @return whether at least one model was fitted */
  boolean anyFitted() {
    return bgNbd.model() != null || modifiedBgNbd.model() != null || paretoNbd.model() != null
        || gammaGamma.model() != null;
  }

  /** @return the names of the fitted models whose search did not converge, as the JSON names them */
  List<String> unconverged() {
    List<String> names = new ArrayList<>();
    BgNbdModel b = bgNbd.model();
    if (b != null && notConverged(b.diagnostics())) {
      names.add("bgnbd");
    }
    ModifiedBgNbdModel mb = modifiedBgNbd.model();
    if (mb != null && notConverged(mb.diagnostics())) {
      names.add("mbgnbd");
    }
    ParetoNbdModel p = paretoNbd.model();
    if (p != null && notConverged(p.diagnostics())) {
      names.add("paretoNbd");
    }
    GammaGammaModel g = gammaGamma.model();
    if (g != null && notConverged(g.diagnostics())) {
      names.add("gammaGamma");
    }
    return names;
  }

  private static boolean notConverged(Optional<FitDiagnostics> diagnostics) {
    return diagnostics.isPresent() && !diagnostics.get().converged();
  }

  /** @return the first error, for a one-line message when no model could be fitted */
  @Nullable String firstError() {
    for (Fit<?> f : List.of(bgNbd, modifiedBgNbd, paretoNbd, gammaGamma)) {
      if (f.error() != null) {
        return f.error();
      }
    }
    return null;
  }

  /**
   * @return {@code {"bgnbd": ..., "mbgnbd": ..., "paretoNbd": ..., "gammaGamma": ...}}, each with its
   *     parameters, standard errors (null when the Hessian was not positive definite), log-likelihood and
   *     search diagnostics, or {@code {"error": "..."}}
   */
  Map<String, Object> view() {
    Map<String, Object> m = Json.object();
    m.put("bgnbd", view(bgNbd, ClvFits::bgNbdView));
    m.put("mbgnbd", view(modifiedBgNbd, ClvFits::modifiedBgNbdView));
    m.put("paretoNbd", view(paretoNbd, ClvFits::paretoNbdView));
    m.put("gammaGamma", view(gammaGamma, ClvFits::gammaGammaView));
    return m;
  }

  private interface View<M> {
    Map<String, Object> of(M model);
  }

  private static <M> Map<String, Object> view(Fit<M> fit, View<M> view) {
    M model = fit.model();
    if (model != null) {
      return view.of(model);
    }
    Map<String, Object> m = Json.object();
    m.put("error", fit.error());
    return m;
  }

  private static Map<String, Object> bgNbdView(BgNbdModel model) {
    return fitView(bgNbdParameters(model.parameters()), model.standardErrors().map(ClvFits::bgNbdErrors),
        model.logLikelihood(), model.diagnostics());
  }

  private static Map<String, Object> modifiedBgNbdView(ModifiedBgNbdModel model) {
    return fitView(bgNbdParameters(model.parameters()), model.standardErrors().map(ClvFits::bgNbdErrors),
        model.logLikelihood(), model.diagnostics());
  }

  private static Map<String, Object> bgNbdParameters(BgNbdParameters p) {
    return numbers("r", p.r(), "alpha", p.alpha(), "a", p.a(), "b", p.b());
  }

  private static Map<String, Object> bgNbdErrors(BgNbdStandardErrors e) {
    return numbers("r", e.r(), "alpha", e.alpha(), "a", e.a(), "b", e.b());
  }

  private static Map<String, Object> paretoNbdView(ParetoNbdModel model) {
    ParetoNbdParameters p = model.parameters();
    return fitView(
        numbers("r", p.r(), "alpha", p.alpha(), "s", p.s(), "beta", p.beta()),
        model.standardErrors().map(ClvFits::paretoNbdErrors),
        model.logLikelihood(),
        model.diagnostics());
  }

  private static Map<String, Object> paretoNbdErrors(ParetoNbdStandardErrors e) {
    return numbers("r", e.r(), "alpha", e.alpha(), "s", e.s(), "beta", e.beta());
  }

  private static Map<String, Object> gammaGammaView(GammaGammaModel model) {
    GammaGammaParameters p = model.parameters();
    // γ is "v" in lifetimes and in this output.
    Map<String, Object> m = fitView(
        numbers("p", p.p(), "q", p.q(), "v", p.gamma()),
        model.standardErrors().map(ClvFits::gammaGammaErrors),
        model.logLikelihood(),
        model.diagnostics());
    Optional<GammaGammaSampleCounts> counts = model.sampleCounts();
    if (counts.isPresent()) {
      m.put("fittedCustomers", counts.get().fitted());
      m.put("excluded", counts.get().excluded());
      m.put("excludedNoRepeat", counts.get().excludedNoRepeat());
      m.put("excludedNonPositiveSpend", counts.get().excludedNonPositiveSpend());
    }
    return m;
  }

  private static Map<String, Object> gammaGammaErrors(GammaGammaStandardErrors e) {
    return numbers("p", e.p(), "q", e.q(), "v", e.gamma());
  }

  private static Map<String, Object> fitView(
      Map<String, Object> params,
      Optional<Map<String, Object>> standardErrors,
      OptionalDouble logLikelihood,
      Optional<FitDiagnostics> diagnostics) {
    Map<String, Object> m = Json.object();
    m.put("params", params);
    m.put("standardErrors", standardErrors.orElse(null));
    m.put("logLikelihood", logLikelihood.isPresent() ? number(logLikelihood.getAsDouble()) : null);
    diagnostics.ifPresent(d -> {
      m.put("converged", d.converged());
      m.put("iterations", d.iterations());
      m.put("gradientNorm", number(d.gradientNorm()));
    });
    return m;
  }

  /** @return the names and values in order, as JSON numbers */
  private static Map<String, Object> numbers(Object... namesAndValues) {
    Map<String, Object> m = Json.object();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], number((Double) namesAndValues[i + 1]));
    }
    return m;
  }

  /**
   * @param value a number
   * @return the number, or null when it is not finite (JSON has no NaN; the SDK's fits never return one)
   */
  static @Nullable Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
