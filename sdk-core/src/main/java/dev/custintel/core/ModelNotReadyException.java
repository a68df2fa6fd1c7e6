package dev.custintel.core;

/**
 * Thrown when a model's results are asked for but the model cannot give them: no run of it is active (none was
 * fitted, or none was activated), or the active run lacks what the question needs. The message says why and what
 * to do.
 */
public class ModelNotReadyException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final String kind;

  /**
   * No run of the model is active.
   *
   * @param kind the kind of model, such as {@code "clv"} (the customer value model)
   */
  public ModelNotReadyException(String kind) {
    this(kind, "no run of it is active (none was fitted, or none was activated). Fit one with"
        + " ci.models().refresh() (CLI: custintel models refresh), or activate an existing run with"
        + " ci.models().activate(id), then try again.");
  }

  /**
   * @param kind the kind of model, such as {@code "affinity"}
   * @param reason why it is not ready and what to do, as the end of a sentence
   */
  public ModelNotReadyException(String kind, String reason) {
    super("The '" + kind + "' model is not ready: " + reason);
    this.kind = kind;
  }

  /** @return the kind of model that is not ready, such as {@code "clv"} */
  public String kind() {
    return kind;
  }
}
