package dev.custintel.analytics.clv;

import dev.custintel.core.generate.BgNbdParameters;
import java.util.List;

/** The customer-base (purchase and dropout) models of this package, by the names the CLI and stored runs use. */
public enum PurchaseModelKind {
  /** {@link BgNbdModel}: dropout only after a repeat purchase, so one-time buyers always look alive. */
  BG_NBD("bgnbd", List.of("r", "alpha", "a", "b")),
  /**
   * {@link ModifiedBgNbdModel}: dropout also possible at the first purchase, so one-time buyers fade with time;
   * the default for churn risk.
   */
  MODIFIED_BG_NBD("mbgnbd", List.of("r", "alpha", "a", "b")),
  /** {@link ParetoNbdModel}: dropout at any time, exponential lifetimes. */
  PARETO_NBD("paretoNbd", List.of("r", "alpha", "s", "beta"));

  private final String id;
  private final List<String> parameterNames;

  PurchaseModelKind(String id, List<String> parameterNames) {
    this.id = id;
    this.parameterNames = parameterNames;
  }

  /** @return the short name used in JSON and stored runs: {@code bgnbd}, {@code mbgnbd} or {@code paretoNbd} */
  public String id() {
    return id;
  }

  /** @return the parameter names in the model's order */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /**
   * Fits this kind of model with its default options.
   *
   * @param summaries the customers, all in one time unit
   * @return the fitted model
   * @throws dev.custintel.core.InvalidInputException as the model's {@code fit}
   */
  public PurchaseModel fit(List<RfmSummary> summaries) {
    return switch (this) {
      case BG_NBD -> BgNbdModel.fit(summaries, BgNbdOptions.defaults());
      case MODIFIED_BG_NBD -> ModifiedBgNbdModel.fit(summaries, BgNbdOptions.defaults());
      case PARETO_NBD -> ParetoNbdModel.fit(summaries, ParetoNbdOptions.defaults());
    };
  }

  /**
   * A model of this kind with known parameters (no fit information).
   *
   * @param parameters the parameters in {@link #parameterNames()} order, each positive
   * @return the model
   * @throws dev.custintel.core.InvalidInputException if a parameter is invalid or the count is wrong
   */
  public PurchaseModel of(double... parameters) {
    if (parameters.length != 4) {
      throw dev.custintel.core.InvalidInputException.argument(
          "parameters", "must be 4 values " + parameterNames + " (was " + parameters.length + ")");
    }
    double[] p = parameters;
    return switch (this) {
      case BG_NBD -> BgNbdModel.of(new BgNbdParameters(p[0], p[1], p[2], p[3]));
      case MODIFIED_BG_NBD -> ModifiedBgNbdModel.of(new BgNbdParameters(p[0], p[1], p[2], p[3]));
      case PARETO_NBD -> ParetoNbdModel.of(new ParetoNbdParameters(p[0], p[1], p[2], p[3]));
    };
  }

  /**
   * @param id a {@link #id()}
   * @return the kind
   * @throws dev.custintel.core.InvalidInputException {@code "model"} if unknown
   */
  public static PurchaseModelKind fromId(String id) {
    for (PurchaseModelKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw dev.custintel.core.InvalidInputException.argument(
        "model", "must be one of bgnbd, mbgnbd, paretoNbd (was " + id + ")");
  }
}
