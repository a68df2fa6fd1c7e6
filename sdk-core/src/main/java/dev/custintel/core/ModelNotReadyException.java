package dev.custintel.core;

/**
 * Thrown when a model's results are asked for but no run of that model is active yet: the model has never been
 * fitted on this store's data, or its runs were removed. The message says how to fit it.
 */
public class ModelNotReadyException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final String kind;

  /**
   * @param kind the kind of model, such as {@code "clv"} (the customer value model)
   */
  public ModelNotReadyException(String kind) {
    this(kind, "no run of it is active yet. Fit it with ci.models().refresh(), then try again.");
  }

  /**
   * @param kind the kind of model, such as {@code "affinity"}
   * @param reason why it is not ready and what to do, as the end of a sentence
   */
  public ModelNotReadyException(String kind, String reason) {
    super("The '" + kind + "' model is not ready: " + reason);
    this.kind = kind;
  }

  /** @return the kind of model that has no active run, such as {@code "clv"} */
  public String kind() {
    return kind;
  }
}
