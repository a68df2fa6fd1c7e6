package dev.custintel.analytics.clv.internal;

import java.util.function.ToDoubleFunction;

/** Central-difference gradient and Hessian. Not API. */
public final class FiniteDifferences {

  private FiniteDifferences() {}

  /**
   * Central-difference gradient, error {@code O(h²)}.
   *
   * @param f the function
   * @param x the point (not modified)
   * @param h the step in every coordinate
   * @return the gradient
   */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
    double[] g = new double[x.length];
    double[] p = x.clone();
    for (int i = 0; i < x.length; i++) {
      p[i] = x[i] + h;
      double up = f.applyAsDouble(p);
      p[i] = x[i] - h;
      double down = f.applyAsDouble(p);
      p[i] = x[i];
      g[i] = (up - down) / (2.0 * h);
    }
    return g;
  }

  /**
   * Central-difference Hessian, error {@code O(h²)}: second differences on the diagonal and the four-point
   * formula off it; symmetric by construction.
   *
   * @param f the function
   * @param x the point (not modified)
   * @param h the step in every coordinate
   * @return the Hessian
   */
  public static double[][] hessian(ToDoubleFunction<double[]> f, double[] x, double h) {
    int n = x.length;
    double[][] hess = new double[n][n];
    double[] p = x.clone();
    double f0 = f.applyAsDouble(p);
    for (int i = 0; i < n; i++) {
      p[i] = x[i] + h;
      double up = f.applyAsDouble(p);
      p[i] = x[i] - h;
      double down = f.applyAsDouble(p);
      p[i] = x[i];
      hess[i][i] = (up - 2.0 * f0 + down) / (h * h);
      for (int j = 0; j < i; j++) {
        double sum = 0.0;
        for (int si = -1; si <= 1; si += 2) {
          for (int sj = -1; sj <= 1; sj += 2) {
            p[i] = x[i] + si * h;
            p[j] = x[j] + sj * h;
            sum += si * sj * f.applyAsDouble(p);
          }
        }
        p[i] = x[i];
        p[j] = x[j];
        hess[i][j] = sum / (4.0 * h * h);
        hess[j][i] = hess[i][j];
      }
    }
    return hess;
  }

  /**
   * Hessian from central differences of an exact gradient, error {@code O(h²)}, symmetrised.
   *
   * @param f the function with its gradient; finite around {@code x}
   * @param x the point (not modified)
   * @param h the step in every coordinate
   * @return the Hessian; entries are NaN where the function was not finite
   */
  public static double[][] hessianFromGradient(Bfgs.Objective f, double[] x, double h) {
    int n = x.length;
    double[][] columns = new double[n][];
    double[] p = x.clone();
    for (int j = 0; j < n; j++) {
      double[] up = new double[n];
      double[] down = new double[n];
      p[j] = x[j] + h;
      double fu = f.valueAndGradient(p, up);
      p[j] = x[j] - h;
      double fd = f.valueAndGradient(p, down);
      p[j] = x[j];
      columns[j] = new double[n];
      for (int i = 0; i < n; i++) {
        columns[j][i] = Double.isFinite(fu) && Double.isFinite(fd) ? (up[i] - down[i]) / (2.0 * h) : Double.NaN;
      }
    }
    double[][] hess = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        hess[i][j] = 0.5 * (columns[j][i] + columns[i][j]);
      }
    }
    return hess;
  }
}
