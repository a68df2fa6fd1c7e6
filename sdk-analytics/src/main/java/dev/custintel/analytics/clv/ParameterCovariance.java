package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;
import java.util.List;

/**
 * The asymptotic covariance of a fit's parameters, on the scale the fit searched: the natural logarithm of each
 * parameter. It is the inverse of the observed information (the Hessian of the negative log-likelihood of the whole
 * sample at the optimum). Standard errors of the parameters themselves follow by the delta method,
 * {@code se(θ) = θ · sqrt(var(ln θ))}; drawing {@code ln θ} from a normal with this covariance is the usual way to
 * carry parameter uncertainty into predictions. Immutable.
 */
public final class ParameterCovariance {
  private final List<String> names;
  private final double[][] logScale;

  /**
   * @param names the parameter names, in the model's order (for example {@code r, alpha, a, b})
   * @param logScale the covariance matrix of the log-parameters, symmetric, with positive diagonal
   * @throws InvalidInputException {@code "logScale"} if it is not square in the number of names, not finite, or has
   *     a non-positive variance
   */
  public ParameterCovariance(List<String> names, double[][] logScale) {
    this.names = List.copyOf(names);
    int n = this.names.size();
    if (logScale.length != n) {
      throw InvalidInputException.argument(
          "logScale", "must be " + n + "x" + n + " (had " + logScale.length + " rows)");
    }
    this.logScale = new double[n][];
    for (int i = 0; i < n; i++) {
      if (logScale[i].length != n) {
        throw InvalidInputException.argument("logScale", "must be " + n + "x" + n + " (row " + i + " has "
            + logScale[i].length + " entries)");
      }
      for (double v : logScale[i]) {
        if (!Double.isFinite(v)) {
          throw InvalidInputException.argument("logScale", "must be finite (was " + v + ")");
        }
      }
      if (!(logScale[i][i] > 0.0)) {
        throw InvalidInputException.argument("logScale", "variances must be positive (was " + logScale[i][i] + ")");
      }
      this.logScale[i] = logScale[i].clone();
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double scale = Math.sqrt(logScale[i][i] * logScale[j][j]);
        if (Math.abs(logScale[i][j] - logScale[j][i]) > 1e-9 * scale) {
          throw InvalidInputException.argument("logScale", "must be symmetric (entries " + i + "," + j + " differ)");
        }
        if (Math.abs(logScale[i][j]) > (1 + 1e-9) * scale) {
          throw InvalidInputException.argument(
              "logScale", "is not a covariance: |correlation| of " + i + "," + j + " exceeds 1");
        }
      }
    }
  }

  /** @return the parameter names, in order */
  public List<String> names() {
    return names;
  }

  /** @return the number of parameters */
  public int size() {
    return names.size();
  }

  /**
   * @param i a row, from 0
   * @param j a column, from 0
   * @return {@code cov(ln θ_i, ln θ_j)}
   */
  public double logCovariance(int i, int j) {
    return logScale[i][j];
  }

  /** @return a copy of the whole matrix of {@code cov(ln θ_i, ln θ_j)} */
  public double[][] logCovarianceMatrix() {
    double[][] copy = new double[logScale.length][];
    for (int i = 0; i < logScale.length; i++) {
      copy[i] = logScale[i].clone();
    }
    return copy;
  }

  /**
   * @param i a row, from 0
   * @param j a column, from 0
   * @return the correlation of {@code ln θ_i} and {@code ln θ_j}, in [-1, 1]
   */
  public double correlation(int i, int j) {
    return Math.max(-1.0, Math.min(1.0, logScale[i][j] / Math.sqrt(logScale[i][i] * logScale[j][j])));
  }

  /** Equal when the names and every entry are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterCovariance other && names.equals(other.names)
        && java.util.Arrays.deepEquals(logScale, other.logScale);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + java.util.Arrays.deepHashCode(logScale);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ParameterCovariance[log scale; sd(ln θ):");
    for (int i = 0; i < names.size(); i++) {
      sb.append(' ').append(names.get(i)).append('=').append(Math.sqrt(logScale[i][i]));
    }
    return sb.append(']').toString();
  }
}
