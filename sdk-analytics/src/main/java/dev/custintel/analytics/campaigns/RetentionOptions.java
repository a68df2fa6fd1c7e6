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
 * @param contactedWithinDays leave out customers exposed to an experiment's treatment arm (contacted) in the last
 *     this many days, 0 to 365; 0 leaves nobody out for it
 * @param excludeControlGroups whether to leave out customers in the control group of a running experiment they are
 *     eligible for (contacting them would spoil its comparison)
 */
public record RetentionOptions(double minimumChurnRisk, int limit, ActionPolicy policy, int contactedWithinDays,
    boolean excludeControlGroups) {
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
    if (contactedWithinDays < 0 || contactedWithinDays > 365) {
      throw InvalidInputException.argument("contactedWithinDays", "must be between 0 and 365 (was "
          + contactedWithinDays + ")");
    }
  }

  /**
   * @return churn risk at least 0.5, the first 100 by value at risk, the default policy, leaving out customers
   *     contacted in the last 14 days and the control groups of running experiments
   */
  public static RetentionOptions defaults() {
    return new RetentionOptions(0.5, 100, ActionPolicy.defaults(), 14, true);
  }

  /** @return these options with another minimum churn risk */
  public RetentionOptions withMinimumChurnRisk(double value) {
    return new RetentionOptions(value, limit, policy, contactedWithinDays, excludeControlGroups);
  }

  /** @return these options with another limit */
  public RetentionOptions withLimit(int value) {
    return new RetentionOptions(minimumChurnRisk, value, policy, contactedWithinDays, excludeControlGroups);
  }

  /** @return these options with another policy */
  public RetentionOptions withPolicy(ActionPolicy value) {
    return new RetentionOptions(minimumChurnRisk, limit, value, contactedWithinDays, excludeControlGroups);
  }

  /** @return these options with another contact exclusion window (0: none) */
  public RetentionOptions withContactedWithinDays(int days) {
    return new RetentionOptions(minimumChurnRisk, limit, policy, days, excludeControlGroups);
  }

  /** @return these options with or without leaving out running experiments' control groups */
  public RetentionOptions withExcludeControlGroups(boolean exclude) {
    return new RetentionOptions(minimumChurnRisk, limit, policy, contactedWithinDays, exclude);
  }
}
