package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;

/** The checks every model's fit options share: the BFGS iteration budget and gradient tolerance. */
final class SearchLimits {
  private SearchLimits() {}

  static void check(int maxIterations, double gradientTolerance) {
    if (maxIterations < 1) {
      throw InvalidInputException.argument("maxIterations", "must be 1 or more (was " + maxIterations + ")");
    }
    if (!(gradientTolerance > 0.0) || Double.isInfinite(gradientTolerance)) {
      throw InvalidInputException.argument(
          "gradientTolerance", "must be a finite number greater than 0 (was " + gradientTolerance + ")");
    }
  }
}
