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
    super("The '" + kind + "' model is not ready: no run of it is active yet. Fit it with ci.models().refresh(),"
        + " then try again.");
    this.kind = kind;
  }

  /** @return the kind of model that has no active run, such as {@code "clv"} */
  public String kind() {
    return kind;
  }
}
