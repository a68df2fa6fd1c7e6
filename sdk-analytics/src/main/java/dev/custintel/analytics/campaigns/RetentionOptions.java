package dev.custintel.analytics.campaigns;

import dev.custintel.analytics.actions.ActionPolicy;
import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * What a retention campaign targets.
 *
 * @param minimumChurnRisk only customers whose churn risk is at least this, in [0, 1]
 * @param limit at most this many customers, by value at risk, 1 to {@value #MAX_LIMIT}
 * @param policy the next-best-action policy that picks each customer's action
 */
public record RetentionOptions(double minimumChurnRisk, int limit, ActionPolicy policy) {
  /** The most customers one campaign lists: each needs its own next best action. */
  public static final int MAX_LIMIT = 1_000;

  /** @throws InvalidInputException naming the field that is out of range */
  public RetentionOptions {
    if (!(minimumChurnRisk >= 0 && minimumChurnRisk <= 1)) {
      throw InvalidInputException.argument("minimumChurnRisk", "must be between 0 and 1 (was " + minimumChurnRisk
          + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
    Objects.requireNonNull(policy, "policy");
  }

  /** @return churn risk at least 0.5, the first 100 by value at risk, the default policy */
  public static RetentionOptions defaults() {
    return new RetentionOptions(0.5, 100, ActionPolicy.defaults());
  }

  /** @return these options with another minimum churn risk */
  public RetentionOptions withMinimumChurnRisk(double value) {
    return new RetentionOptions(value, limit, policy);
  }

  /** @return these options with another limit */
  public RetentionOptions withLimit(int value) {
    return new RetentionOptions(minimumChurnRisk, value, policy);
  }

  /** @return these options with another policy */
  public RetentionOptions withPolicy(ActionPolicy value) {
    return new RetentionOptions(minimumChurnRisk, limit, value);
  }
}
