package dev.custintel.analytics.clv.internal;

import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/** Covariance of maximum-likelihood estimates from the Hessian of the negative log-likelihood. Not API. */
public final class Covariance {

  private Covariance() {}

  /**
   * The inverse of a symmetric matrix that must be positive definite: at a true minimum of the negative
   * log-likelihood the observed information is, and if it is not the estimates have no usable standard errors.
   *
   * @param hessian a symmetric n×n matrix
   * @return its inverse, or empty if it is not positive definite or has non-finite entries
   */
  public static Optional<double[][]> inversePositiveDefinite(double[][] hessian) {
    int n = hessian.length;
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (!Double.isFinite(hessian[i][j])) {
          return Optional.empty();
        }
        m.set(i, j, hessian[i][j]);
      }
    }
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
    // decompose() may overwrite its input, so keep m for the inversion.
    if (!chol.decompose(m.copy())) {
      return Optional.empty();
    }
    DMatrixRMaj inv = new DMatrixRMaj(n, n);
    if (!CommonOps_DDRM.invertSPD(m, inv)) {
      return Optional.empty();
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = inv.get(i, j);
        if (!Double.isFinite(out[i][j])) {
          return Optional.empty();
        }
      }
      if (!(out[i][i] > 0.0)) {
        return Optional.empty();
      }
    }
    return Optional.of(out);
  }
}
