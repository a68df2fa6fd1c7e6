package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bulk paths against the straightforward ones, on a synthetic base: {@link CustomerValueModel#values}
 * (deduplicated, parallel) against {@link CustomerValueModel#value} customer by customer, and fits (chunked,
 * parallel sums) repeated on the same data.
 */
class BulkValuationTest {
  private static final LocalDate END = LocalDate.of(2025, 12, 31);

  @Test
  void values_matchValueOfEachCustomer_onSyntheticBase() {
    List<CustomerRfm> base = synthetic(5_000, 11L);
    assertThat(new HashSet<>(base.stream().map(RfmSummary::of).toList()).size())
        .as("customers share summaries, so the deduplication is exercised").isLessThan(base.size() * 7 / 10);
    for (PurchaseModelKind kind : PurchaseModelKind.values()) {
      CustomerValueModel model = CustomerValueModel.of(
          kind.fit(base.stream().map(RfmSummary::of).toList()),
          GammaGammaModel.fit(base.stream().map(SpendSummary::of).toList(), GammaGammaOptions.defaults()),
          PeriodUnit.WEEKS, Currency.getInstance("USD"));
      ValuationOptions options = ValuationOptions.defaults();

      List<CustomerValue> bulk = model.values(base, options);

      assertThat(bulk).hasSize(base.size());
      for (int i = 0; i < base.size(); i++) {
        CustomerValue one = model.value(base.get(i), options);
        CustomerValue many = bulk.get(i);
        String who = kind + " " + base.get(i);
        assertThat(many.customerId()).isEqualTo(one.customerId());
        double[] expected = numbers(one);
        double[] actual = numbers(many);
        for (int j = 0; j < expected.length; j++) {
          assertThat(actual[j]).as(who + " field " + j)
              .isBetween(expected[j] - 1e-12 * Math.abs(expected[j]), expected[j] + 1e-12 * Math.abs(expected[j]));
        }
      }
    }
  }

  @Test
  void fits_areBitIdenticalWhenRepeated() {
    // More distinct summaries than one chunk of the likelihood sums, so they run in parallel.
    List<CustomerRfm> base = synthetic(60_000, 5L);
    List<RfmSummary> rfm = base.stream().map(RfmSummary::of).toList();
    assertThat(new HashSet<>(rfm).size()).isGreaterThan(20_000);
    List<SpendSummary> spend = base.stream().map(SpendSummary::of).toList();
    for (PurchaseModelKind kind : List.of(PurchaseModelKind.BG_NBD, PurchaseModelKind.MODIFIED_BG_NBD)) {
      PurchaseModel first = kind.fit(rfm);
      PurchaseModel second = kind.fit(rfm);
      assertThat(second.logParameters()).as(kind.id()).containsExactly(first.logParameters());
    }
    GammaGammaModel first = GammaGammaModel.fit(spend, GammaGammaOptions.defaults());
    GammaGammaModel second = GammaGammaModel.fit(spend, GammaGammaOptions.defaults());
    assertThat(second.parameters()).isEqualTo(first.parameters());
    assertThat(second.logLikelihood()).isEqualTo(first.logLikelihood());
  }

  private static double[] numbers(CustomerValue v) {
    return new double[] {v.recency(), v.age(), v.monetaryValue(), v.probabilityAlive(), v.expectedPurchases(),
        v.expectedSpend(), v.value(), v.valueLow(), v.valueHigh(), v.valueIfAlive(), v.valueAtRisk()};
  }

  /**
   * A BG/NBD-like base in weeks with whole-day times (so customers share summaries) and Gamma-Gamma spend:
   * first purchase on one of the 364 days before the end, rate ~ Gamma(0.5, 6) per week, dropout after each
   * repeat purchase with probability ~ Beta(1, 2), amounts Gamma(6, ν) with ν ~ Gamma(4, 15).
   */
  static List<CustomerRfm> synthetic(int customers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<CustomerRfm> out = new ArrayList<>(customers);
    for (int i = 0; i < customers; i++) {
      int age = 1 + random.nextInt(364);
      double lambdaPerDay = gamma(random, 0.5) / 6.0 / 7.0;
      double dropout = 1.0 - Math.sqrt(1.0 - random.nextDouble()); // Beta(1, 2)
      double nu = gamma(random, 4.0) / 15.0;
      double t = 0.0;
      int lastDay = 0;
      int repeats = 0;
      double amount = 0.0;
      while (true) {
        t += -Math.log(1.0 - random.nextDouble()) / lambdaPerDay;
        int day = (int) Math.floor(t);
        if (day > age) {
          break;
        }
        if (day != lastDay) {
          repeats++;
          lastDay = day;
          amount += gamma(random, 6.0) / nu;
        }
        if (random.nextDouble() < dropout) {
          break;
        }
      }
      BigDecimal monetary = repeats == 0 ? BigDecimal.ZERO
          : BigDecimal.valueOf(amount / repeats).round(MathContext.DECIMAL64);
      out.add(new CustomerRfm("C" + i, repeats, repeats == 0 ? 0.0 : lastDay / 7.0, age / 7.0, monetary,
          BigDecimal.TEN, END.minusDays(age)));
    }
    return out;
  }

  /** Gamma(shape, 1): Marsaglia and Tsang, with the boost for shape below 1. */
  private static double gamma(SplittableRandom random, double shape) {
    if (shape < 1.0) {
      return gamma(random, shape + 1.0) * Math.pow(random.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        double u1 = 1.0 - random.nextDouble();
        x = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * random.nextDouble());
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      if (Math.log(random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
