package dev.custintel.analytics.experiments;

import dev.custintel.analytics.actions.ActionType;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an experiment tests and how it is judged.
 *
 * @param name a unique name, 1 to {@value #MAX_NAME} characters; it is also the assignment's key, so two experiments
 *     never split customers alike
 * @param description what it tests, or null
 * @param arms two or more arms; the first is the control, the others are compared with it
 * @param eligibility who may take part
 * @param metric the primary metric
 * @param windowDays the days after a customer's exposure whose orders count, 1 to 365
 * @param minimumDetectableEffect the smallest effect worth detecting on the primary metric, positive: an absolute
 *     difference in conversion (0.02 = two points) or in revenue per customer (in the shop's currency); it sets
 *     the sample size the results ask for
 * @param confidenceLevel the level of the results' intervals, in (0, 1), such as 0.95 (α = 1 − it)
 * @param action the next best action the treatment arm (the second) delivers, or null; once the experiment has
 *     finished, its measured uplift replaces the policy's assumed one for that action
 */
public record ExperimentDefinition(
    String name,
    @Nullable String description,
    List<Arm> arms,
    Eligibility eligibility,
    ExperimentMetric metric,
    int windowDays,
    double minimumDetectableEffect,
    double confidenceLevel,
    @Nullable ActionType action) {

  /** The longest name. */
  public static final int MAX_NAME = 120;
  /** The most arms. */
  public static final int MAX_ARMS = 10;

  /** @throws InvalidInputException naming the field that is not as above */
  public ExperimentDefinition {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > MAX_NAME || !name.strip().equals(name)) {
      throw InvalidInputException.argument("name", "must be 1 to " + MAX_NAME + " characters without spaces at"
          + " either end (was '" + (name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "…" : name) + "')");
    }
    if (description != null && description.length() > 2000) {
      throw InvalidInputException.argument("description", "must be at most 2000 characters (was "
          + description.length() + ")");
    }
    Objects.requireNonNull(arms, "arms");
    if (arms.size() < 2 || arms.size() > MAX_ARMS) {
      throw InvalidInputException.argument("arms", "an experiment needs 2 to " + MAX_ARMS + " arms (was "
          + arms.size() + ")");
    }
    Set<String> names = new HashSet<>();
    for (Arm a : arms) {
      if (!names.add(Objects.requireNonNull(a, "arms[]").name())) {
        throw InvalidInputException.argument("arms", "two arms are named '" + a.name() + "'");
      }
    }
    arms = List.copyOf(arms);
    Objects.requireNonNull(eligibility, "eligibility");
    Objects.requireNonNull(metric, "metric");
    if (windowDays < 1 || windowDays > 365) {
      throw InvalidInputException.argument("windowDays", "must be between 1 and 365 (was " + windowDays + ")");
    }
    if (!(minimumDetectableEffect > 0) || Double.isInfinite(minimumDetectableEffect)
        || (metric == ExperimentMetric.CONVERSION && minimumDetectableEffect >= 1)) {
      throw InvalidInputException.argument("minimumDetectableEffect", "must be positive"
          + (metric == ExperimentMetric.CONVERSION ? " and below 1 (an absolute difference in conversion)" : "")
          + " (was " + minimumDetectableEffect + ")");
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw InvalidInputException.argument("confidenceLevel", "must be between 0 and 1, exclusive (was "
          + confidenceLevel + ")");
    }
    if (action == ActionType.NONE) {
      throw InvalidInputException.argument("action", "must be an action to measure, not none");
    }
  }

  /** @return a builder: two arms, control and treatment at 1:1, everyone eligible, conversion over 30 days */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return the arms' weights in arm order */
  public List<Double> weights() {
    return arms.stream().map(Arm::weight).toList();
  }

  /** Builds a definition; every setter replaces. */
  public static final class Builder {
    private final String name;
    private @Nullable String description;
    private List<Arm> arms = List.of(Arm.of("control", 1), Arm.of("treatment", 1));
    private Eligibility eligibility = Eligibility.everyone();
    private ExperimentMetric metric = ExperimentMetric.CONVERSION;
    private int windowDays = 30;
    private double minimumDetectableEffect = 0.02;
    private double confidenceLevel = 0.95;
    private @Nullable ActionType action;

    private Builder(String name) {
      this.name = name;
    }

    /** @return this builder */
    public Builder description(@Nullable String value) {
      this.description = value;
      return this;
    }

    /** @return this builder, with these arms (the first is the control) */
    public Builder arms(Arm... value) {
      this.arms = new ArrayList<>(List.of(value));
      return this;
    }

    /** @return this builder, with these arms (the first is the control) */
    public Builder arms(List<Arm> value) {
      this.arms = new ArrayList<>(value);
      return this;
    }

    /** @return this builder */
    public Builder eligibility(Eligibility value) {
      this.eligibility = value;
      return this;
    }

    /** @return this builder */
    public Builder metric(ExperimentMetric value) {
      this.metric = value;
      return this;
    }

    /** @return this builder */
    public Builder windowDays(int value) {
      this.windowDays = value;
      return this;
    }

    /** @return this builder */
    public Builder minimumDetectableEffect(double value) {
      this.minimumDetectableEffect = value;
      return this;
    }

    /** @return this builder */
    public Builder confidenceLevel(double value) {
      this.confidenceLevel = value;
      return this;
    }

    /** @return this builder */
    public Builder action(@Nullable ActionType value) {
      this.action = value;
      return this;
    }

    /**
     * @return the definition
     * @throws InvalidInputException naming the field that is out of range
     */
    public ExperimentDefinition build() {
      return new ExperimentDefinition(name, description, arms, eligibility, metric, windowDays,
          minimumDetectableEffect, confidenceLevel, action);
    }
  }
}
