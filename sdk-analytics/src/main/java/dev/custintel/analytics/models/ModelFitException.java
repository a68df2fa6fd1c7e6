package dev.custintel.analytics.models;

import dev.custintel.analytics.clv.FitDiagnostics;
import dev.custintel.core.CustintelException;

/**
 * A model run stopped because a fit did not converge: its numbers would not be trustworthy, so nothing was
 * written and the active run stays active. The message gives the iterations, gradient norm and log-likelihood.
 */
public class ModelFitException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private final FitDiagnostics diagnostics;

  /**
   * @param model the model's id
   * @param diagnostics how the fit went
   * @param logLikelihood where it stopped
   */
  public ModelFitException(String model, FitDiagnostics diagnostics, double logLikelihood) {
    super("The " + model + " fit did not converge after " + diagnostics.iterations() + " iterations (gradient norm "
        + diagnostics.gradientNorm() + ", log-likelihood " + logLikelihood + "); nothing was written and the "
        + "active run is unchanged. Try a longer history, a coarser period unit, or another purchase model.");
    this.model = model;
    this.diagnostics = diagnostics;
  }

  /** @return the model's id */
  public String model() {
    return model;
  }

  /** @return how the fit went */
  public FitDiagnostics diagnostics() {
    return diagnostics;
  }
}
