package dev.custintel.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.generate.Sampler;
import org.junit.jupiter.api.Test;

/** Equation (9) of the BG/NBD paper, and the generator's process against it. */
class BgNbdParametersTest {
  private static final BgNbdParameters DEFAULTS = BgNbdParameters.defaults();

  @Test
  void expectedRepeatPurchases_zeroDays_zero() {
    assertThat(DEFAULTS.expectedRepeatPurchases(0.0)).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void expectedRepeatPurchases_shortHorizon_rateTimesTime() {
    // Before anyone drops out, E[X(t)] ≈ E[λ] t = r t / α.
    assertThat(DEFAULTS.expectedRepeatPurchases(0.01)).isCloseTo(0.7 * 0.01 / 13.0, within(1e-6));
  }

  @Test
  void expectedRepeatPurchases_oneYear_matchesMonteCarloOfTheModel() {
    // Independent check of the closed form: E[(1 - exp(-λ p t)) / p] over λ ~ Gamma(r, α), p ~ Beta(a, b).
    Sampler sampler = new Sampler(99L);
    int n = 400_000;
    double t = 365.0;
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double lambda = sampler.gamma(0.7, 1.0 / 13.0);
      double p = sampler.beta(1.5, 30.0);
      sum += -Math.expm1(-lambda * p * t) / p;
    }
    assertThat(DEFAULTS.expectedRepeatPurchases(t)).isCloseTo(sum / n, within(0.01 * sum / n));
  }

  @Test
  void expectedRepeatPurchases_aAtMostOne_rejectedNamingA() {
    assertThatThrownBy(() -> new BgNbdParameters(0.7, 13.0, 0.8, 3.0).expectedRepeatPurchases(30.0))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("a");
  }

  @Test
  void generate_withoutSeasonality_meanMatchesEquationNine() {
    ShopGenerator gen = ShopGenerator.builder().seed(7L).customers(20_000).seasonal(false).returnRate(0).build();
    GeneratedShop shop = gen.generate(10_000, batch -> {});
    // Standard error of the mean is about 1% here; a process that is not BG/NBD would miss by far more.
    assertThat(shop.ordersPerCustomer())
        .isCloseTo(gen.expectedOrdersPerCustomer(), within(0.04 * gen.expectedOrdersPerCustomer()));
    assertThat(shop.returns()).isZero();
  }

  @Test
  void generate_otherParameters_meanMatchesEquationNine() {
    BgNbdParameters rare = new BgNbdParameters(1.5, 60.0, 2.0, 4.0);
    ShopGenerator gen = ShopGenerator.builder()
        .seed(8L)
        .customers(20_000)
        .months(12)
        .purchaseProcess(rare)
        .build();
    GeneratedShop shop = gen.generate(10_000, batch -> {});
    assertThat(gen.expectedOrdersPerCustomer()).isLessThan(5.0);
    assertThat(shop.ordersPerCustomer())
        .isCloseTo(gen.expectedOrdersPerCustomer(), within(0.03 * gen.expectedOrdersPerCustomer()));
  }
}
