package dev.custintel.analytics.experiments;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * One arm of an experiment. The first arm of an experiment is its control.
 *
 * @param name the arm's name: 1 to 64 characters, unique in the experiment
 * @param weight its share of assignments relative to the other arms' weights: positive,
 *     at most {@link #MAX_WEIGHT}
 */
public record Arm(String name, double weight) {
  /** The longest arm name. */
  public static final int MAX_NAME = 64;

  /** The largest weight: weights are relative, and a bound keeps their sum finite. */
  public static final double MAX_WEIGHT = 1_000_000;

  /** @throws InvalidInputException naming the field that is not as above */
  public Arm {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw InvalidInputException.argument("arms.name", "must be 1 to " + MAX_NAME + " characters, not blank (was '"
          + (name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "…" : name) + "')");
    }
    if (!(weight > 0) || !(weight <= MAX_WEIGHT)) {
      throw InvalidInputException.argument("arms.weight", "arm '" + name + "' needs a positive weight of at most "
          + (long) MAX_WEIGHT + " (was " + weight + ")");
    }
  }

  /** @return an arm */
  public static Arm of(String name, double weight) {
    return new Arm(name, weight);
  }
}
