package dev.custintel.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.internal.generate.Sampler;
import org.junit.jupiter.api.Test;

/** The random variates behind the generator, against their theoretical moments (fixed seeds). */
class SamplerTest {
  private static final int N = 400_000;

  @Test
  void gamma_shapeBelowOne_meanAndVarianceMatchTheory() {
    double[] moments = gammaMoments(0.5, 2.0);
    // Gamma(k = 0.5, θ = 2): mean kθ = 1, variance kθ² = 2. Standard errors: 0.0022 and about 0.017.
    assertThat(moments[0]).isCloseTo(1.0, within(0.02));
    assertThat(moments[1]).isCloseTo(2.0, within(0.1));
  }

  @Test
  void gamma_shapeAboveOne_meanAndVarianceMatchTheory() {
    double[] moments = gammaMoments(5.0, 2.0);
    // Gamma(k = 5, θ = 2): mean 10, variance 20. Standard errors: 0.007 and about 0.06.
    assertThat(moments[0]).isCloseTo(10.0, within(0.05));
    assertThat(moments[1]).isCloseTo(20.0, within(0.5));
  }

  @Test
  void gamma_anyShape_neverNegative() {
    Sampler sampler = new Sampler(3L);
    for (int i = 0; i < 100_000; i++) {
      assertThat(sampler.gamma(0.05, 1.0)).isGreaterThanOrEqualTo(0.0);
    }
  }

  @Test
  void beta_twoAndFive_meanAndVarianceMatchTheory() {
    Sampler sampler = new Sampler(11L);
    double sum = 0.0;
    double sumSquares = 0.0;
    for (int i = 0; i < N; i++) {
      double x = sampler.beta(2.0, 5.0);
      assertThat(x).isBetween(0.0, 1.0);
      sum += x;
      sumSquares += x * x;
    }
    double mean = sum / N;
    double variance = sumSquares / N - mean * mean;
    // Beta(2, 5): mean 2/7, variance ab / ((a+b)²(a+b+1)) = 10/392.
    assertThat(mean).isCloseTo(2.0 / 7.0, within(0.002));
    assertThat(variance).isCloseTo(10.0 / 392.0, within(0.001));
  }

  @Test
  void beta_shapesBelowOne_meanMatchesTheory() {
    Sampler sampler = new Sampler(12L);
    double sum = 0.0;
    for (int i = 0; i < N; i++) {
      sum += sampler.beta(0.5, 1.5);
    }
    // Beta(0.5, 1.5): mean 0.25; both gammas use the shape boost.
    assertThat(sum / N).isCloseTo(0.25, within(0.003));
  }

  @Test
  void normal_manyDraws_standardMoments() {
    Sampler sampler = new Sampler(13L);
    double sum = 0.0;
    double sumSquares = 0.0;
    for (int i = 0; i < N; i++) {
      double x = sampler.normal();
      sum += x;
      sumSquares += x * x;
    }
    assertThat(sum / N).isCloseTo(0.0, within(0.01));
    assertThat(sumSquares / N).isCloseTo(1.0, within(0.01));
  }

  @Test
  void poisson_smallMean_meanMatches() {
    Sampler sampler = new Sampler(14L);
    long sum = 0;
    for (int i = 0; i < N; i++) {
      sum += sampler.poisson(1.7);
    }
    assertThat((double) sum / N).isCloseTo(1.7, within(0.01));
  }

  @Test
  void forStream_sameSeedAndStream_sameNumbers() {
    assertThat(Sampler.forStream(42L, 7L).uniform()).isEqualTo(Sampler.forStream(42L, 7L).uniform());
    assertThat(Sampler.forStream(42L, 7L).uniform()).isNotEqualTo(Sampler.forStream(42L, 8L).uniform());
    assertThat(Sampler.forStream(42L, 7L).uniform()).isNotEqualTo(Sampler.forStream(43L, 7L).uniform());
  }

  private static double[] gammaMoments(double shape, double scale) {
    Sampler sampler = new Sampler(7L);
    double sum = 0.0;
    double sumSquares = 0.0;
    for (int i = 0; i < N; i++) {
      double x = sampler.gamma(shape, scale);
      sum += x;
      sumSquares += x * x;
    }
    double mean = sum / N;
    return new double[] {mean, sumSquares / N - mean * mean};
  }
}
