package dev.custintel.analytics.experiments;

import dev.custintel.core.CustintelException;

/** The experiment is not in a state that allows the operation, such as exposing customers to a draft. */
public final class ExperimentStateException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final long experimentId;
  private final ExperimentStatus status;

  /**
   * @param experimentId the experiment
   * @param status its status
   * @param message what was refused and why
   */
  public ExperimentStateException(long experimentId, ExperimentStatus status, String message) {
    super(message);
    this.experimentId = experimentId;
    this.status = status;
  }

  /** @return the experiment */
  public long experimentId() {
    return experimentId;
  }

  /** @return its status when the operation was refused */
  public ExperimentStatus status() {
    return status;
  }
}
