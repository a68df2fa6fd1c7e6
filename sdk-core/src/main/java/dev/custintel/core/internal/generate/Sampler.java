package dev.custintel.core.internal.generate;

import java.util.SplittableRandom;

/**
 * Random variates drawn from one {@link SplittableRandom} stream. Not API; not thread-safe (one per customer).
 *
 * <p>Everything here uses {@link StrictMath} and our own algorithms (no {@code nextGaussian()}, whose algorithm
 * the JDK does not pin down) so that a seed gives byte-identical output on every JVM and platform.
 */
public final class Sampler {
  /** Odd constant of the golden ratio, the stream increment of SplitMix64. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final SplittableRandom random;
  private double spareNormal;
  private boolean hasSpareNormal;

  /**
   * @param seed seed of the stream
   */
  public Sampler(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * A sampler for one numbered sub-stream of a seed, such as one customer. Sub-streams of nearby numbers are
   * decorrelated by the SplitMix64 finaliser, so customer {@code i} draws the same numbers whatever else is
   * generated (batch size, number of customers).
   *
   * @param seed the generator seed
   * @param stream the sub-stream number, such as the customer index
   * @return the sampler
   */
  public static Sampler forStream(long seed, long stream) {
    return new Sampler(mix(mix(seed) + GOLDEN_GAMMA * (stream + 1)));
  }

  /** SplitMix64 finaliser (Stafford's variant 13): a bijection that spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** @return uniform in [0, 1) */
  public double uniform() {
    return random.nextDouble();
  }

  /** @return uniform in (0, 1], safe to take the logarithm of */
  public double uniformPositive() {
    return 1.0 - random.nextDouble();
  }

  /**
   * @param bound exclusive upper bound, at least 1
   * @return uniform integer in [0, bound)
   */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * @param probability chance of true, 0 to 1
   * @return true with that probability
   */
  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /**
   * Standard normal by Marsaglia's polar method; the second variate of each pair is kept for the next call.
   *
   * @return a N(0, 1) variate
   */
  public double normal() {
    if (hasSpareNormal) {
      hasSpareNormal = false;
      return spareNormal;
    }
    double u;
    double v;
    double s;
    do {
      u = 2.0 * random.nextDouble() - 1.0;
      v = 2.0 * random.nextDouble() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double factor = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
    spareNormal = v * factor;
    hasSpareNormal = true;
    return u * factor;
  }

  /**
   * @param rate events per unit of time, greater than 0
   * @return an exponential waiting time with mean {@code 1 / rate}
   */
  public double exponential(double rate) {
    return -StrictMath.log(uniformPositive()) / rate;
  }

  /**
   * Gamma variate by Marsaglia and Tsang (2000), "A simple method for generating gamma variables", ACM TOMS
   * 26(3). For shape below 1 the shape is boosted: if {@code X ~ Gamma(k + 1)} and {@code U ~ U(0, 1)} then
   * {@code X U^(1/k) ~ Gamma(k)}.
   *
   * @param shape shape k, greater than 0
   * @param scale scale θ, greater than 0 (mean kθ, variance kθ²)
   * @return the variate, 0 or more
   */
  public double gamma(double shape, double scale) {
    if (shape < 1.0) {
      double boost = StrictMath.pow(uniformPositive(), 1.0 / shape);
      return gammaAtLeastOne(shape + 1.0) * boost * scale;
    }
    return gammaAtLeastOne(shape) * scale;
  }

  private double gammaAtLeastOne(double shape) {
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9.0 * d);
    while (true) {
      double x = normal();
      double t = 1.0 + c * x;
      if (t <= 0.0) {
        continue;
      }
      double v = t * t * t;
      double u = uniformPositive();
      double x2 = x * x;
      // Cheap squeeze first: accepts about 98% of candidates without a logarithm.
      if (u < 1.0 - 0.0331 * x2 * x2) {
        return d * v;
      }
      if (StrictMath.log(u) < 0.5 * x2 + d * (1.0 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * Beta variate as {@code X / (X + Y)} with {@code X ~ Gamma(a, 1)}, {@code Y ~ Gamma(b, 1)}.
   *
   * @param a first shape, greater than 0
   * @param b second shape, greater than 0
   * @return the variate in [0, 1] (mean a / (a + b))
   */
  public double beta(double a, double b) {
    for (int attempt = 0; attempt < 16; attempt++) {
      double x = gamma(a, 1.0);
      double y = gamma(b, 1.0);
      double sum = x + y;
      // Both gammas underflow to 0 only for tiny shapes; draw again rather than divide 0 by 0.
      if (sum > 0.0) {
        return x / sum;
      }
    }
    return a / (a + b);
  }

  /**
   * Poisson variate by inversion; meant for small means (a basket's extra lines).
   *
   * @param mean the mean, 0 to about 30
   * @return the variate
   */
  public int poisson(double mean) {
    double limit = StrictMath.exp(-mean);
    double product = uniformPositive();
    int count = 0;
    while (product > limit) {
      product *= uniformPositive();
      count++;
    }
    return count;
  }
}
