package dev.custintel.analytics.clv.internal;

import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Unconstrained minimisation by BFGS (inverse-Hessian update) with a backtracking Armijo line search, on a function
 * that computes its own gradient or with central-difference gradients. Non-finite function values are treated as
 * "too far" and make the line search back off, so the result is always a point where the function is finite. Not API.
 */
public final class Bfgs {

  /**
   * @param x the best point found
   * @param value the function there
   * @param gradientNorm Euclidean norm of the gradient there
   * @param iterations BFGS iterations done
   * @param converged true when the gradient norm fell below the tolerance
   */
  public record Result(double[] x, double value, double gradientNorm, int iterations, boolean converged) {}

  /** A function with its gradient, computed together (they share most of the work). */
  @FunctionalInterface
  public interface Objective {
    /**
     * @param x the point (not modified)
     * @param gradient receives the gradient at {@code x} when the value is finite
     * @return the value at {@code x}; not finite where the function is undefined
     */
    double valueAndGradient(double[] x, double[] gradient);
  }

  /** Iterations over which the improvement is measured to detect a stalled search. */
  static final int STALL_WINDOW = 25;
  /** Relative improvement over {@link #STALL_WINDOW} iterations below which the search has stalled. */
  static final double STALL_TOLERANCE = 1e-12;

  private Bfgs() {}

  /**
   * Minimises {@code f} from {@code start} with central-difference gradients.
   *
   * @param f the function; must be finite at {@code start}
   * @param start the starting point (not modified)
   * @param maxIterations maximum number of iterations
   * @param gradientTolerance stop when the gradient norm is below this
   * @param step the finite-difference step for gradients
   * @return the result
   */
  public static Result minimize(
      ToDoubleFunction<double[]> f, double[] start, int maxIterations, double gradientTolerance, double step) {
    Objective objective = (x, gradient) -> {
      double value = f.applyAsDouble(x);
      if (Double.isFinite(value)) {
        double[] g = FiniteDifferences.gradient(f, x, step);
        for (double v : g) {
          if (!Double.isFinite(v)) {
            // At the edge of where f is defined: not a point the search can stand on.
            return Double.POSITIVE_INFINITY;
          }
        }
        System.arraycopy(g, 0, gradient, 0, gradient.length);
      }
      return value;
    };
    return minimize(objective, start, maxIterations, gradientTolerance);
  }

  /**
   * Minimises {@code f} from {@code start} with the gradients it computes.
   *
   * @param f the function and its gradient; must be finite at {@code start}
   * @param start the starting point (not modified)
   * @param maxIterations maximum number of iterations
   * @param gradientTolerance stop when the gradient norm is below this
   * @return the result
   */
  public static Result minimize(Objective f, double[] start, int maxIterations, double gradientTolerance) {
    return search(f, start, null, maxIterations, gradientTolerance).result();
  }

  /**
   * Minimises {@code f} from {@code start} in two stages: first {@code coarse}, a cheap approximation of {@code f}
   * (the same mean likelihood over a subsample of the data), from {@code start}; then {@code f} from the coarse
   * optimum, with the coarse search's inverse-Hessian estimate as its first curvature. The second search stops
   * on {@code f}'s own gradient, so the result meets the same tolerance as {@link #minimize(Objective, double[],
   * int, double)}; it is the same optimum up to that tolerance, not the same bits. Where {@code coarse} is not
   * finite at {@code start}, or {@code f} at the coarse optimum, {@code f} is searched from {@code start} as that
   * method does. The iterations of both stages count, within {@code maxIterations}.
   *
   * @param f the function and its gradient; must be finite at {@code start}
   * @param coarse an approximation of {@code f} on the same scale
   * @param start the starting point (not modified)
   * @param maxIterations maximum number of iterations of both stages together
   * @param gradientTolerance stop when the gradient norm of {@code f} is below this
   * @return the result, with the iterations of both stages
   */
  public static Result minimize(
      Objective f, Objective coarse, double[] start, int maxIterations, double gradientTolerance) {
    Search first;
    Search second;
    try {
      first = search(coarse, start, null, maxIterations / 2, gradientTolerance);
      second = search(f, first.result().x(), first.inverseHessian(), maxIterations - first.result().iterations(),
          gradientTolerance);
    } catch (IllegalArgumentException e) {
      // The coarse function at the start, or f at the coarse optimum, is not finite: search f alone.
      return minimize(f, start, maxIterations, gradientTolerance);
    }
    Result r = second.result();
    return new Result(r.x(), r.value(), r.gradientNorm(), first.result().iterations() + r.iterations(),
        r.converged());
  }

  /** A search's result and its last inverse-Hessian estimate. */
  private record Search(Result result, double[][] inverseHessian) {}

  /**
   * @param initialInverseHessian the first curvature estimate, or null for the identity scaled after the first step
   */
  private static Search search(
      Objective f, double[] start, double @Nullable [][] initialInverseHessian, int maxIterations,
      double gradientTolerance) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    if (!Double.isFinite(fx)) {
      throw new IllegalArgumentException("function is not finite at the starting point");
    }
    boolean scaleFirst = initialInverseHessian == null;
    double[][] hInv = initialInverseHessian == null ? identity(n) : copy(initialInverseHessian);
    int iter = 0;
    double gNorm = norm(g);
    double[] history = new double[STALL_WINDOW];
    while (iter < maxIterations && !(gNorm < gradientTolerance)) {
      // A flat or non-identified likelihood lets the search drift for ever with ever smaller gains: stop when the
      // last STALL_WINDOW iterations together improved the value by less than STALL_TOLERANCE (relative).
      if (iter >= STALL_WINDOW
          && history[iter % STALL_WINDOW] - fx <= STALL_TOLERANCE * Math.max(1.0, Math.abs(fx))) {
        break;
      }
      history[iter % STALL_WINDOW] = fx;
      iter++;
      double[] d = multiply(hInv, g);
      for (int i = 0; i < n; i++) {
        d[i] = -d[i];
      }
      double slope = dot(g, d);
      if (!(slope < 0.0)) {
        // The curvature estimate went bad (rounding in the gradients): fall back to steepest descent.
        hInv = identity(n);
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = -dot(g, g);
      }
      // Cap the step so one line search cannot send log-parameters to absurd values (e^50 and beyond).
      double dNorm = norm(d);
      double alpha = dNorm > 5.0 ? 5.0 / dNorm : 1.0;
      double[] xNew = new double[n];
      double[] gNew = new double[n];
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int k = 0; k < 60; k++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + alpha * d[i];
        }
        fNew = f.valueAndGradient(xNew, gNew);
        if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * alpha * slope) {
          accepted = true;
          break;
        }
        alpha *= 0.5;
      }
      if (!accepted) {
        // No decrease along the search direction: we are at the limit of what rounding allows.
        break;
      }
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-12 * norm(s) * norm(y)) {
        if (iter == 1 && scaleFirst) {
          // Scale the first inverse-Hessian guess to the observed curvature (Nocedal & Wright eq. 6.20).
          double scale = sy / dot(y, y);
          for (int i = 0; i < n; i++) {
            hInv[i][i] = scale;
          }
        }
        update(hInv, s, y, sy);
      }
      x = xNew;
      fx = fNew;
      g = gNew;
      gNorm = norm(g);
    }
    return new Search(new Result(x, fx, gNorm, iter, gNorm < gradientTolerance), hInv);
  }

  private static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀ s)
  private static void update(double[][] h, double[] s, double[] y, double sy) {
    int n = s.length;
    double rho = 1.0 / sy;
    double[] hy = multiply(h, y);
    double yhy = dot(y, hy);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        h[i][j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
      }
    }
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1.0;
    }
    return m;
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = dot(m[i], v);
    }
    return out;
  }

  private static double dot(double[] u, double[] v) {
    double s = 0.0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * v[i];
    }
    return s;
  }

  private static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }
}
