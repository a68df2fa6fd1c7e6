package dev.custintel.analytics.experiments;

import dev.custintel.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic assignment of customers to an experiment's arms: a customer's place is a number in [0, 1) fixed by
 * the experiment's key and the customer's id alone (the first 53 bits of the SHA-256 of both), so it is the same in
 * every process and on every call, uniform over customers, and unrelated between experiments (a different key gives
 * an independent number). The arm is the one whose share of the cumulative weights holds that number. Nothing is
 * stored to assign; the exposure log records who was actually exposed.
 */
public final class Assignment {
  private static final double TWO_POW_53 = 0x1p53;

  private Assignment() {}

  /**
   * @param experimentKey the experiment's stable key (its id or name; changing it reshuffles everyone)
   * @param customerId the customer's id
   * @return the customer's place in the experiment, in [0, 1)
   * @throws NullPointerException naming the argument when one is null
   */
  public static double unit(String experimentKey, String customerId) {
    Objects.requireNonNull(experimentKey, "experimentKey");
    Objects.requireNonNull(customerId, "customerId");
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    byte[] key = experimentKey.getBytes(StandardCharsets.UTF_8);
    // Length-prefixed, so that no two (key, id) pairs hash the same bytes ("ab"+"c" is not "a"+"bc").
    sha.update(ByteBuffer.allocate(4).putInt(key.length).array());
    sha.update(key);
    sha.update(customerId.getBytes(StandardCharsets.UTF_8));
    long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
    return bits / TWO_POW_53;
  }

  /**
   * @param experimentKey the experiment's stable key
   * @param customerId the customer's id
   * @param weights the arms' weights, in arm order: positive, with a finite sum, at least two
   * @return the index of the customer's arm
   * @throws InvalidInputException naming {@code weights} when they are not as above
   */
  public static int arm(String experimentKey, String customerId, List<Double> weights) {
    double total = total(weights);
    double u = unit(experimentKey, customerId) * total;
    double cumulative = 0;
    for (int i = 0; i < weights.size(); i++) {
      cumulative += weights.get(i);
      if (u < cumulative) {
        return i;
      }
    }
    return weights.size() - 1; // rounding at the very top
  }

  /**
   * @param weights arms' weights
   * @return their sum
   * @throws InvalidInputException naming {@code weights} when there are fewer than two or one is not positive
   */
  static double total(List<Double> weights) {
    Objects.requireNonNull(weights, "weights");
    if (weights.size() < 2) {
      throw InvalidInputException.argument("weights", "an experiment needs at least two arms (was "
          + weights.size() + ")");
    }
    double total = 0;
    for (int i = 0; i < weights.size(); i++) {
      Double w = weights.get(i);
      if (w == null || !(w > 0) || Double.isInfinite(w)) {
        throw InvalidInputException.argument("weights", "weight " + i + " must be a positive number (was " + w
            + ")");
      }
      total += w;
      if (Double.isInfinite(total)) {
        // Finite weights whose sum is not would put every customer in the last arm.
        throw InvalidInputException.argument("weights", "weight " + i + " makes the weights' sum infinite (was " + w
            + ")");
      }
    }
    return total;
  }
}
