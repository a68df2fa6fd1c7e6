package dev.custintel.analytics.forecast;

import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.ParameterCovariance;
import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import java.math.BigDecimal;
import dev.custintel.core.model.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The existing customers' part of a forecast. Customers are grouped by identical {@code (x, t_x, T)}; each group's
 * conditional expected purchases are evaluated at every period end under the fitted parameters and under each
 * log-parameter shifted by {@value #LOG_STEP} (forward differences, as {@link CustomerValueModel} does for LTV),
 * so the cost is 5 × periods evaluations per distinct summary, in parallel over chunks of groups and added up in
 * a fixed order (the result does not depend on the thread count).
 *
 * <p>Interval: the delta method on {@code ln S}, with {@code S} a period's (or the horizon's) expected repeat
 * transactions: {@code S · exp(∓ z · sd)}, {@code sd² = gᵀ Σ g}, {@code g} the gradient of {@code ln S} in the
 * purchase model's log-parameters and {@code Σ} their covariance. It reflects parameter uncertainty only, not the
 * randomness of the purchases themselves, exactly as the LTV interval. Not API.
 */
final class ExistingCustomers {
  static final double LOG_STEP = 1e-5;
  private static final int CHUNK = 256;

  /** Per period, and over the horizon. */
  record Result(ExistingCustomersForecast[] periods, ExistingCustomersForecast total) {}

  private record Key(int x, double recency, double age) {}

  private static final class Group {
    final Key key;
    long weight;
    double spend;

    Group(Key key) {
      this.key = key;
    }
  }

  private ExistingCustomers() {}

  /**
   * @param customers the calibration summaries
   * @param model the purchase and spend models with their covariances
   * @param ends each period's end after the calibration end, in the model's unit, increasing
   * @param intervalLevel the interval's coverage
   */
  static Result forecast(List<CustomerRfm> customers, CustomerValueModel model, double[] ends, double intervalLevel) {
    Currency currency = model.currency();
    Map<Key, Group> byKey = new LinkedHashMap<>();
    for (CustomerRfm c : customers) {
      Group g = byKey.computeIfAbsent(new Key(c.frequency(), c.recency(), c.age()), Group::new);
      g.weight++;
      g.spend += expectedSpend(model, c.frequency(), c.monetaryValue());
    }
    List<Group> groups = new ArrayList<>(byKey.values());
    PurchaseModel[] models = shifted(model.purchases());
    int k = ends.length;
    int chunks = (groups.size() + CHUNK - 1) / CHUNK;
    // cumulative[m][i]: sum of weight × E[Y(ends[i])] under model m; revenue[i]: sum of spend × E[Y(ends[i])].
    List<double[][]> partials = IntStream.range(0, chunks).parallel()
        .mapToObj(c -> chunk(groups.subList(c * CHUNK, Math.min(groups.size(), (c + 1) * CHUNK)), models, ends))
        .toList();
    double[][] cumulative = new double[models.length + 1][k];
    for (double[][] p : partials) {
      for (int m = 0; m <= models.length; m++) {
        for (int i = 0; i < k; i++) {
          cumulative[m][i] += p[m][i];
        }
      }
    }
    double z = dev.custintel.analytics.clv.internal.Normal.quantile(0.5 + intervalLevel / 2.0);
    ParameterCovariance covariance = model.purchaseCovariance();
    ExistingCustomersForecast[] periods = new ExistingCustomersForecast[k];
    for (int i = 0; i < k; i++) {
      periods[i] = part(cumulative, models.length, i, i == 0 ? -1 : i - 1, covariance, z, currency);
    }
    ExistingCustomersForecast total = part(cumulative, models.length, k - 1, -1, covariance, z, currency);
    return new Result(periods, total);
  }

  /** The increase from {@code from} (−1: time 0) to {@code to} of the cumulative sums, with its interval. */
  private static ExistingCustomersForecast part(
      double[][] cumulative, int revenueRow, int to, int from, ParameterCovariance covariance, double z,
      Currency currency) {
    double point = difference(cumulative[0], to, from);
    Money revenue = Money.rounded(difference(cumulative[revenueRow], to, from), currency);
    if (!(point > 0.0)) {
      return new ExistingCustomersForecast(0.0, 0.0, 0.0, revenue);
    }
    double log = Math.log(point);
    double[] gradient = new double[4];
    for (int j = 0; j < 4; j++) {
      double shifted = difference(cumulative[j + 1], to, from);
      double g = (Math.log(shifted) - log) / LOG_STEP;
      gradient[j] = Double.isFinite(g) ? g : 0.0;
    }
    double variance = 0.0;
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        variance += gradient[a] * covariance.logCovariance(a, b) * gradient[b];
      }
    }
    double sd = Math.sqrt(Math.max(0.0, variance));
    return new ExistingCustomersForecast(point, point * Math.exp(-z * sd), point * Math.exp(z * sd), revenue);
  }

  private static double difference(double[] cumulative, int to, int from) {
    return Math.max(0.0, cumulative[to] - (from < 0 ? 0.0 : cumulative[from]));
  }

  /** Rows 0..4: weight × E[Y(t)] under the fitted and the 4 shifted models; row 5: spend × E[Y(t)], fitted. */
  private static double[][] chunk(List<Group> groups, PurchaseModel[] models, double[] ends) {
    double[][] out = new double[models.length + 1][ends.length];
    for (Group g : groups) {
      RfmSummary s = RfmSummary.of(g.key.x(), g.key.recency(), g.key.age());
      for (int m = 0; m < models.length; m++) {
        double previous = 0.0;
        for (int i = 0; i < ends.length; i++) {
          // Cumulative expectations never decrease; guard against a series evaluation that wobbles.
          double e = Math.max(previous, models[m].conditionalExpectedPurchases(ends[i], s));
          out[m][i] += g.weight * e;
          if (m == 0) {
            out[models.length][i] += g.spend * e;
          }
          previous = e;
        }
      }
    }
    return out;
  }

  private static PurchaseModel[] shifted(PurchaseModel base) {
    PurchaseModel[] models = new PurchaseModel[5];
    models[0] = base;
    double[] theta = base.logParameters();
    for (int j = 0; j < 4; j++) {
      double[] t = theta.clone();
      t[j] += LOG_STEP;
      models[j + 1] = base.withLogParameters(t);
    }
    return models;
  }

  /** Gamma-Gamma expected spend per purchase; 0 for repeat purchases averaging 0 or less, as for LTV. */
  private static double expectedSpend(CustomerValueModel model, int x, BigDecimal monetaryValue) {
    double mean = monetaryValue.doubleValue();
    if (x > 0 && !(mean > 0.0)) {
      return 0.0;
    }
    return model.spend().conditionalExpectedSpend(new SpendSummary(x, x == 0 ? 0.0 : mean));
  }
}
