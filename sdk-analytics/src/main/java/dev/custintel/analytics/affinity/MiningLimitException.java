package dev.custintel.analytics.affinity;

import dev.custintel.core.CustintelException;

/**
 * Thrown when mining or rule generation would exceed a configured cap and the policy is {@link LimitPolicy#FAIL}.
 * Raise the cap, raise the minimum support or confidence, or choose {@link LimitPolicy#TRUNCATE}.
 */
public class MiningLimitException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final long value;

  /**
   * @param limit the option whose cap was reached, such as {@code "maxItemsets"}
   * @param value the cap
   */
  public MiningLimitException(String limit, long value) {
    super("Limit " + limit + " = " + value + " exceeded; raise it, tighten the thresholds or use LimitPolicy.TRUNCATE");
    this.limit = limit;
    this.value = value;
  }

  /** @return the option whose cap was reached */
  public String limit() {
    return limit;
  }

  /** @return the value of the cap */
  public long value() {
    return value;
  }
}
