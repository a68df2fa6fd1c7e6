package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.Normal;
import dev.custintel.analytics.clv.internal.Decimals;
import dev.custintel.analytics.clv.internal.SummaryTable;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Customer value over a horizon: a purchase model (how many purchases, and whether the customer is still there)
 * times the Gamma-Gamma spend model (how much per purchase), with an interval from the fits' parameter uncertainty
 * and an explanation of each value. Immutable and thread-safe.
 *
 * <p><b>Value.</b> With the horizon cut into months {@code m_1 < m_2 < ... < m_k = H} (a month is 1/12 of a
 * 365.25-day year; the last step is partial when {@code H} is not a whole number of months) and a monthly discount
 * rate {@code d}:
 * {@code value = E[Z | x, z̄] · Σ_i (E[Y(m_i) | x, t_x, T] − E[Y(m_{i−1}) | x, t_x, T]) / (1 + d)^{m_i}},
 * i.e. expected spend per purchase times the discounted expected purchases, as in Fader, Hardie &amp; Lee (2005,
 * "RFM and CLV") with discrete monthly discounting (lifetimes' {@code customer_lifetime_value} uses the same sum).
 * It assumes, as the Gamma-Gamma model does, that spend is independent of the purchase process.
 *
 * <p><b>Interval.</b> The delta method on {@code ln value}: its gradient with respect to the log-parameters of both
 * fits (exact derivatives for the BG/NBD and the modified BG/NBD, forward differences with step {@value #LOG_STEP} for
 * the Pareto/NBD, closed form for the spend model) against their asymptotic covariances ({@link ParameterCovariance},
 * the inverse observed information), taking the two fits as independent. The interval is {@code value · exp(∓ z · sd(ln
 * value))} with {@code z} the normal quantile of the level, so it is never negative and is skewed like the value
 * itself. It reflects only parameter uncertainty, not the randomness of one customer's future purchases, and shrinks as
 * the data grow. Tests check it against Monte Carlo draws from the same asymptotic normal.
 *
 * <p><b>Cost.</b> In {@link #values} the expected purchases if alive (a hypergeometric series per month, summed with
 * its derivatives for the BG/NBD family, and five per month for the Pareto/NBD's forward differences) are computed once
 * per distinct {@code (x, T)}, P(alive) with its gradient and the purchase model's share of the interval once per
 * distinct {@code (x, t_x, T)}, and only the spend model and the interval once per customer, so its cost grows with
 * distinct summaries; the three passes run in parallel on the common fork-join pool. The values are bit for bit those
 * of {@link #value}: each shared term is computed by the same expression, once, and nothing is summed across customers.
 */
public final class CustomerValueModel {
  /** Step of the forward differences in the log-parameters. */
  static final double LOG_STEP = 1e-5;

  private final PurchaseModel purchases;
  private final GammaGammaModel spend;
  private final PeriodUnit unit;
  private final Currency currency;
  private final ParameterCovariance purchaseCovariance;
  private final ParameterCovariance spendCovariance;

  private CustomerValueModel(
      PurchaseModel purchases,
      GammaGammaModel spend,
      PeriodUnit unit,
      Currency currency,
      ParameterCovariance purchaseCovariance,
      ParameterCovariance spendCovariance) {
    this.purchases = purchases;
    this.spend = spend;
    this.unit = unit;
    this.currency = currency;
    this.purchaseCovariance = purchaseCovariance;
    this.spendCovariance = spendCovariance;
  }

  /**
   * @param purchases a fitted purchase model, with its parameter covariance
   * @param spend a fitted Gamma-Gamma model on the same customers, with its covariance and {@code q > 1}
   * @param unit the time unit both were fitted in
   * @param currency the currency of the spend model's amounts
   * @return the value model
   * @throws InvalidInputException {@code "purchases"} or {@code "spend"} when a model has no covariance (given
   *     parameters, or a fit whose Hessian was not positive definite: no interval could be stated), or
   *     {@code "spend"} when {@code q ≤ 1} (the mean spend is infinite); an argument that is null
   */
  public static CustomerValueModel of(
      PurchaseModel purchases, GammaGammaModel spend, PeriodUnit unit, Currency currency) {
    Objects.requireNonNull(purchases, "purchases");
    Objects.requireNonNull(spend, "spend");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(currency, "currency");
    ParameterCovariance pc = purchases.covariance().orElseThrow(() -> InvalidInputException.argument(
        "purchases", "has no parameter covariance (given parameters, or a fit whose Hessian was not positive "
            + "definite), so no value interval can be computed; fit the model on more or other data"));
    ParameterCovariance sc = spend.covariance().orElseThrow(() -> InvalidInputException.argument(
        "spend", "has no parameter covariance (given parameters, or a fit whose Hessian was not positive "
            + "definite), so no value interval can be computed; fit the model on more or other data"));
    spend.expectedMeanSpend(); // throws naming "parameters" when q <= 1
    return new CustomerValueModel(purchases, spend, unit, currency, pc, sc);
  }

  /**
   * A value model from stored fits: models with given parameters and the covariances their fits reported.
   *
   * @param purchases the purchase model
   * @param purchaseCovariance covariance of its log-parameters
   * @param spend the Gamma-Gamma model, {@code q > 1}
   * @param spendCovariance covariance of its log-parameters
   * @param unit the time unit both were fitted in
   * @param currency the currency of the spend model's amounts
   * @return the value model
   * @throws InvalidInputException naming a covariance whose size does not match its model, {@code "spend"}'s
   *     {@code "parameters"} when {@code q ≤ 1}, or an argument that is null
   */
  public static CustomerValueModel of(
      PurchaseModel purchases,
      ParameterCovariance purchaseCovariance,
      GammaGammaModel spend,
      ParameterCovariance spendCovariance,
      PeriodUnit unit,
      Currency currency) {
    Objects.requireNonNull(purchases, "purchases");
    Objects.requireNonNull(purchaseCovariance, "purchaseCovariance");
    Objects.requireNonNull(spend, "spend");
    Objects.requireNonNull(spendCovariance, "spendCovariance");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(currency, "currency");
    if (purchaseCovariance.size() != 4) {
      throw InvalidInputException.argument(
          "purchaseCovariance", "must be 4x4 (was " + purchaseCovariance.size() + ")");
    }
    if (spendCovariance.size() != 3) {
      throw InvalidInputException.argument("spendCovariance", "must be 3x3 (was " + spendCovariance.size() + ")");
    }
    spend.expectedMeanSpend();
    return new CustomerValueModel(purchases, spend, unit, currency, purchaseCovariance, spendCovariance);
  }

  /** @return the purchase model */
  public PurchaseModel purchases() {
    return purchases;
  }

  /** @return the spend model */
  public GammaGammaModel spend() {
    return spend;
  }

  /** @return the covariance of the purchase model's log-parameters that the intervals use */
  public ParameterCovariance purchaseCovariance() {
    return purchaseCovariance;
  }

  /** @return the covariance of the spend model's log-parameters that the intervals use */
  public ParameterCovariance spendCovariance() {
    return spendCovariance;
  }

  /** @return the time unit of the models */
  public PeriodUnit unit() {
    return unit;
  }

  /** @return the currency of the values */
  public Currency currency() {
    return currency;
  }

  /**
   * Values one customer.
   *
   * @param customer the customer's calibration summary, in this model's unit and currency
   * @param options horizon, discount rate and interval level
   * @return the value
   * @throws NullPointerException if an argument is null
   * @throws InvalidInputException as the models' predictions
   */
  public CustomerValue value(CustomerRfm customer, ValuationOptions options) {
    Objects.requireNonNull(customer, "customer");
    return value(customer.customerId(), summaryOf(customer), Decimals.toDouble(customer.monetaryValue()), options);
  }

  /**
   * Values one customer given as a summary and mean spend (for example read back from a stored run).
   *
   * @param customerId the customer
   * @param summary frequency, recency and age in this model's unit (weight ignored)
   * @param meanSpend mean amount of the repeat purchases, 0 when there are none
   * @param options horizon, discount rate and interval level
   * @return the value
   * @throws NullPointerException if an argument is null
   * @throws InvalidInputException naming a mean spend that is not finite, or as the
   *     models' predictions
   */
  public CustomerValue value(
      String customerId, RfmSummary summary, double meanSpend, ValuationOptions options) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(options, "options");
    finiteSpend(meanSpend);
    Schedule schedule = new Schedule(options, unit);
    AliveTerms alive = aliveTerms(summary, schedule);
    FutureTerms future = futureTerms(summary, schedule);
    return combine(customerId, summary, meanSpend, alive.alive(), purchaseVariance(alive, future), future, schedule);
  }

  /**
   * Values many customers, the purchase model evaluated once per distinct {@code (x, t_x, T)}, in parallel. Each
   * value is bit for bit the one {@link #value(CustomerRfm, ValuationOptions)} gives the customer: the shared terms
   * are computed by the same expressions, only once.
   *
   * @param customers calibration summaries, in this model's unit and currency
   * @param options horizon, discount rate and interval level
   * @return one value per customer, in the same order
   * @throws NullPointerException if an argument is null
   * @throws InvalidInputException naming an element that is null, or as the models' predictions
   */
  public List<CustomerValue> values(List<CustomerRfm> customers, ValuationOptions options) {
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(options, "options");
    Schedule schedule = new Schedule(options, unit);
    // Three levels of sharing. The expected purchases if alive depend on (x, T) only, and they are the costly part
    // (a hypergeometric series per month and per shifted parameter): once per distinct (x, T). P(alive), its
    // gradient and the purchase part of the variance of ln value depend on (x, t_x, T): once per distinct summary.
    // Only the spend terms (the customer's own mean spend) and the interval are per customer.
    int n = customers.size();
    SummaryTable summaryKeys = new SummaryTable(n);
    int[] summaryIndex = new int[n];
    for (int i = 0; i < n; i++) {
      @Nullable CustomerRfm c = customers.get(i);
      if (c == null) {
        throw InvalidInputException.argument("customers[" + i + "]", "must not be null");
      }
      summaryIndex[i] = summaryKeys.add(c.frequency(), c.recency(), c.age(), 1);
    }
    int distinct = summaryKeys.size();
    RfmSummary[] summaries = new RfmSummary[distinct];
    SummaryTable futureKeys = new SummaryTable(distinct);
    int[] futureOf = new int[distinct];
    for (int k = 0; k < distinct; k++) {
      summaries[k] = RfmSummary.of(summaryKeys.x(k), summaryKeys.first(k), summaryKeys.second(k));
      futureOf[k] = futureKeys.add(summaryKeys.x(k), 0.0, summaryKeys.second(k), 1);
    }
    FutureTerms[] future = new FutureTerms[futureKeys.size()];
    IntStream.range(0, future.length).parallel()
        .forEach(f -> future[f] = futureTerms(RfmSummary.of(futureKeys.x(f), 0.0, futureKeys.second(f)), schedule));
    double[] alive = new double[distinct];
    double[] purchaseVariance = new double[distinct];
    IntStream.range(0, distinct).parallel()
        .forEach(k -> {
          AliveTerms a = aliveTerms(summaries[k], schedule);
          alive[k] = a.alive();
          purchaseVariance[k] = purchaseVariance(a, future[futureOf[k]]);
        });
    CustomerValue[] out = new CustomerValue[n];
    IntStream.range(0, n).parallel()
        .forEach(i -> {
          CustomerRfm c = customers.get(i);
          int k = summaryIndex[i];
          out[i] = combine(c.customerId(), summaries[k], Decimals.toDouble(c.monetaryValue()), alive[k],
              purchaseVariance[k], future[futureOf[k]], schedule);
        });
    return List.of(out);
  }

  /**
   * Explains a customer's value against a reference customer: the difference between the two values split over
   * frequency, recency (time since the last purchase), tenure (time since the first) and spend per purchase by
   * Shapley attribution — each factor's effect is its average marginal contribution over the 24 orders in which
   * the customer's characteristics can replace the reference's, so the effects add up exactly and none depends on
   * an arbitrary order. Where a mix of the two would be impossible (a last purchase before the first), the time
   * since the last purchase is capped at the tenure.
   *
   * @param customer the customer
   * @param reference whom to compare with, typically {@link ReferenceCustomer#median}
   * @param options horizon and discount rate (the interval level is not used)
   * @return the value, the reference's value and the four drivers, largest first
   * @throws NullPointerException if an argument is null
   * @throws InvalidInputException as the models' predictions
   */
  public ValueDrivers drivers(CustomerRfm customer, ReferenceCustomer reference, ValuationOptions options) {
    Objects.requireNonNull(customer, "customer");
    return drivers(summaryOf(customer), Decimals.toDouble(customer.monetaryValue()), reference, options);
  }

  /**
   * As {@link #drivers(CustomerRfm, ReferenceCustomer, ValuationOptions)}, for a customer given as a summary and
   * mean spend.
   *
   * @param summary frequency, recency and age in this model's unit (weight ignored)
   * @param meanSpend mean amount of the repeat purchases, 0 when there are none
   * @param reference whom to compare with
   * @param options horizon and discount rate
   * @return the drivers
   */
  public ValueDrivers drivers(
      RfmSummary summary, double meanSpend, ReferenceCustomer reference, ValuationOptions options) {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(options, "options");
    finiteSpend(meanSpend);
    Schedule schedule = new Schedule(options, unit);
    double[] ref = {reference.frequency(), reference.timeSinceLastPurchase(), reference.age(), reference.meanSpend()};
    // A customer without repeat purchases has no spend of their own to compare: give them the reference's, so the
    // spend factor has no effect (as its explanation says) instead of a spend of 0 in the mixes where the
    // reference's frequency makes spend count.
    double[] own = {summary.frequency(), summary.age() - summary.recency(), summary.age(),
        summary.frequency() == 0 ? reference.meanSpend() : meanSpend};
    double[] v = new double[16];
    for (int mask = 0; mask < 16; mask++) {
      double[] mix = new double[4];
      for (int f = 0; f < 4; f++) {
        mix[f] = (mask & (1 << f)) != 0 ? own[f] : ref[f];
      }
      v[mask] = pointValue((int) mix[0], mix[1], mix[2], mix[3], schedule);
    }
    // Shapley weights for 4 players: |S|! (3 − |S|)! / 4! = 1/4, 1/12, 1/12, 1/4 for |S| = 0..3.
    double[] weight = {0.25, 1.0 / 12.0, 1.0 / 12.0, 0.25};
    ValueDriver.Factor[] factors = ValueDriver.Factor.values();
    List<ValueDriver> drivers = new ArrayList<>(4);
    for (int f = 0; f < 4; f++) {
      double effect = 0.0;
      for (int mask = 0; mask < 16; mask++) {
        if ((mask & (1 << f)) == 0) {
          effect += weight[Integer.bitCount(mask)] * (v[mask | (1 << f)] - v[mask]);
        }
      }
      drivers.add(new ValueDriver(factors[f], effect, explain(factors[f], own, ref, effect, options.horizon())));
    }
    drivers.sort(Comparator.comparingDouble((ValueDriver d) -> -Math.abs(d.effect())));
    return new ValueDrivers(v[15], v[0], reference, drivers);
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Month ends of the horizon in the model's unit, their discount factors, the interval's normal quantile, and the
   * purchase model with each log-parameter shifted by {@value #LOG_STEP} (for the gradients).
   */
  private final class Schedule {
    final double[] ends;
    final double[] discount;
    final double z;
    final PurchaseModel[] shifted = new PurchaseModel[4];

    Schedule(ValuationOptions options, PeriodUnit unit) {
      double months = options.horizon().months();
      int steps = (int) Math.ceil(months - 1e-9);
      ends = new double[steps];
      discount = new double[steps];
      for (int i = 0; i < steps; i++) {
        double m = Math.min(i + 1.0, months);
        ends[i] = m * Horizon.DAYS_PER_MONTH / unit.days();
        discount[i] = Math.pow(1.0 + options.monthlyDiscountRate(), -m);
      }
      z = Normal.quantile(0.5 + options.intervalLevel() / 2.0);
      double[] theta = purchases.logParameters();
      for (int j = 0; j < 4; j++) {
        double[] t = theta.clone();
        t[j] += LOG_STEP;
        shifted[j] = purchases.withLogParameters(t);
      }
    }
  }

  /** P(alive) of one distinct {@code (x, t_x, T)} and the gradient of its logarithm in the log-parameters. */
  private record AliveTerms(double alive, double[] gradient) {}

  /**
   * Of one distinct {@code (x, T)}, for a customer alive at {@code T}: discounted expected purchases over the
   * horizon, undiscounted expected purchases, and the gradient of the logarithm of the former.
   */
  private record FutureTerms(double discounted, double expected, double[] gradient) {}

  private AliveTerms aliveTerms(RfmSummary s, Schedule schedule) {
    double[] gradient = new double[4];
    if (purchases instanceof BgNbdFamilyModel family) {
      double alive = family.probabilityAlive(s, gradient);
      for (int j = 0; j < 4; j++) {
        gradient[j] = Double.isFinite(gradient[j]) ? gradient[j] : 0.0;
      }
      return new AliveTerms(alive, gradient);
    }
    double alive = purchases.probabilityAlive(s);
    double log = Math.log(alive);
    if (Double.isFinite(log)) {
      for (int j = 0; j < 4; j++) {
        double g = (Math.log(schedule.shifted[j].probabilityAlive(s)) - log) / LOG_STEP;
        gradient[j] = Double.isFinite(g) ? g : 0.0;
      }
    }
    return new AliveTerms(alive, gradient);
  }

  private FutureTerms futureTerms(RfmSummary s, Schedule schedule) {
    if (purchases instanceof BgNbdFamilyModel family) {
      return futureTerms(family, s, schedule);
    }
    double[] base = discounted(purchases, s, schedule);
    double[] gradient = new double[4];
    double log = Math.log(base[0]);
    if (Double.isFinite(log)) {
      for (int j = 0; j < 4; j++) {
        double g = (Math.log(discounted(schedule.shifted[j], s, schedule)[0]) - log) / LOG_STEP;
        gradient[j] = Double.isFinite(g) ? g : 0.0;
      }
    }
    return new FutureTerms(base[0], base[1], gradient);
  }

  /**
   * As {@link #discounted}, with the gradient of the logarithm of the discounted sum from the model's exact
   * derivatives: each month adds {@code max(0, e_i − e_max) · d_i} with {@code e_max} the largest expectation so
   * far, so its derivative is that of {@code e_i − e_max} where the month adds something, and 0 where it does not.
   */
  private static FutureTerms futureTerms(BgNbdFamilyModel m, RfmSummary s, Schedule schedule) {
    double previous = 0.0;
    double sum = 0.0;
    double[] monthGradient = new double[4];
    double[] previousGradient = new double[4];
    double[] sumGradient = new double[4];
    for (int i = 0; i < schedule.ends.length; i++) {
      double e = m.expectedPurchasesIfAlive(schedule.ends[i], s, monthGradient);
      double increment = e - previous;
      sum += Math.max(0.0, increment) * schedule.discount[i];
      if (increment > 0.0) {
        for (int j = 0; j < 4; j++) {
          sumGradient[j] += (monthGradient[j] - previousGradient[j]) * schedule.discount[i];
        }
      }
      if (e > previous) {
        System.arraycopy(monthGradient, 0, previousGradient, 0, 4);
      }
      previous = Math.max(previous, e);
    }
    double[] gradient = new double[4];
    if (Double.isFinite(Math.log(sum))) {
      for (int j = 0; j < 4; j++) {
        double g = sumGradient[j] / sum;
        gradient[j] = Double.isFinite(g) ? g : 0.0;
      }
    }
    return new FutureTerms(sum, previous, gradient);
  }

  /** {discounted expected purchases if alive, undiscounted expected purchases over the horizon if alive}. */
  private static double[] discounted(PurchaseModel m, RfmSummary s, Schedule schedule) {
    double previous = 0.0;
    double sum = 0.0;
    for (int i = 0; i < schedule.ends.length; i++) {
      double e = m.expectedPurchasesIfAlive(schedule.ends[i], s);
      sum += Math.max(0.0, e - previous) * schedule.discount[i];
      previous = Math.max(previous, e);
    }
    return new double[] {sum, previous};
  }

  /**
   * The variance of {@code ln value} from the purchase model: the quadratic form of the gradient of
   * {@code ln P(alive) + ln(discounted expected purchases if alive)} with the purchase covariance. It depends on
   * {@code (x, t_x, T)} only, so {@link #values} computes it once per distinct summary.
   */
  private double purchaseVariance(AliveTerms alive, FutureTerms future) {
    double[] gradient = new double[4];
    for (int j = 0; j < 4; j++) {
      gradient[j] = alive.gradient()[j] + future.gradient()[j];
    }
    return quadraticForm(purchaseCovariance, gradient);
  }

  private CustomerValue combine(
      String id, RfmSummary c, double z, double alive, double purchaseVariance, FutureTerms future,
      Schedule schedule) {
    double perPurchase = expectedSpend(c.frequency(), z);
    double valueIfAlive = perPurchase * future.discounted();
    double value = alive * valueIfAlive;
    double low = value;
    double high = value;
    if (value > 0.0) {
      double variance = purchaseVariance + spendVariance(c.frequency(), z);
      double sd = Math.sqrt(Math.max(0.0, variance));
      low = value * Math.exp(-schedule.z * sd);
      high = Math.min(Double.MAX_VALUE, value * Math.exp(schedule.z * sd));
    }
    return new CustomerValue(
        id,
        c.frequency(),
        c.recency(),
        c.age(),
        z,
        alive,
        alive * future.expected(),
        perPurchase,
        value,
        low,
        high,
        valueIfAlive,
        (1.0 - alive) * valueIfAlive);
  }

  /** Gamma-Gamma expected spend per purchase; 0 for repeat purchases averaging 0 or less (outside the model). */
  private double expectedSpend(int x, double meanSpend) {
    if (x > 0 && !(meanSpend > 0.0)) {
      return 0.0;
    }
    return spend.conditionalExpectedSpend(new SpendSummary(x, x == 0 ? 0.0 : meanSpend));
  }

  /**
   * The variance of {@code ln E[Z | x, z̄]} from the spend model: the quadratic form of its gradient in
   * {@code (ln p, ln q, ln γ)}, {@code (1 − p x / (p x + q − 1), −q / (p x + q − 1), γ / (γ + x z̄))}, with the
   * spend covariance (0 for repeat purchases averaging 0 or less, whose expected spend is 0). Without an array: the
   * terms are added in the order of {@link #quadraticForm}.
   */
  private double spendVariance(int x, double meanSpend) {
    if (x > 0 && !(meanSpend > 0.0)) {
      return quadraticForm(spendCovariance, new double[3]);
    }
    GammaGammaParameters g = spend.parameters();
    double zbar = x == 0 ? 0.0 : meanSpend;
    double denominator = g.p() * x + g.q() - 1.0;
    double g0 = 1.0 - g.p() * x / denominator;
    double g1 = -g.q() / denominator;
    double g2 = g.gamma() / (g.gamma() + x * zbar);
    ParameterCovariance c = spendCovariance;
    double sum = 0.0;
    sum += g0 * c.logCovariance(0, 0) * g0;
    sum += g0 * c.logCovariance(0, 1) * g1;
    sum += g0 * c.logCovariance(0, 2) * g2;
    sum += g1 * c.logCovariance(1, 0) * g0;
    sum += g1 * c.logCovariance(1, 1) * g1;
    sum += g1 * c.logCovariance(1, 2) * g2;
    sum += g2 * c.logCovariance(2, 0) * g0;
    sum += g2 * c.logCovariance(2, 1) * g1;
    sum += g2 * c.logCovariance(2, 2) * g2;
    return sum;
  }

  private static double quadraticForm(ParameterCovariance c, double[] g) {
    double sum = 0.0;
    for (int i = 0; i < g.length; i++) {
      for (int j = 0; j < g.length; j++) {
        sum += g[i] * c.logCovariance(i, j) * g[j];
      }
    }
    return sum;
  }

  private double pointValue(int x, double sinceLast, double age, double meanSpend, Schedule schedule) {
    double recency = x == 0 ? 0.0 : Math.max(0.0, age - Math.min(sinceLast, age));
    RfmSummary s = RfmSummary.of(x, recency, age);
    double perPurchase = expectedSpend(x, meanSpend);
    return perPurchase * purchases.probabilityAlive(s) * discounted(purchases, s, schedule)[0];
  }

  private String explain(ValueDriver.Factor factor, double[] own, double[] ref, double effect, Horizon horizon) {
    String comparison = switch (factor) {
      // Frequency counts days, not orders (same-day orders merge), and says so: beside an order count the two
      // figures would otherwise look contradictory.
      case FREQUENCY -> (own[0] == 0 ? "Has not bought again since the first purchase day (median customer: "
          : "Bought again on " + days((long) own[0]) + " after the first purchase day (orders on the same day count"
              + " once; median customer: ") + days((long) ref[0]) + ")";
      case RECENCY -> "Last purchase " + duration(own[1]) + " ago (median customer: " + duration(ref[1]) + " ago)";
      case TENURE -> "First purchase " + duration(own[2]) + " ago (median customer: " + duration(ref[2]) + " ago)";
      case SPEND -> own[0] == 0
          ? "No repeat purchase yet, so a typical customer's spend is assumed (median repeat purchase: "
              + money(ref[3]) + ")"
          : "Spends " + money(own[3]) + " per repeat purchase on average (median: " + money(ref[3]) + ")";
    };
    String window = horizonWords(horizon);
    String verdict;
    if (Math.abs(effect) < 0.005) {
      verdict = "makes no difference to the " + window + " value";
    } else if (effect > 0) {
      verdict = "raises the " + window + " value by " + money(effect);
    } else {
      verdict = "lowers the " + window + " value by " + money(-effect);
    }
    return comparison + "; " + verdict;
  }

  private static String days(long n) {
    return n == 1 ? "1 day" : String.format(Locale.ROOT, "%,d days", n);
  }

  private String duration(double amount) {
    String name = unit == PeriodUnit.WEEKS ? "week" : "day";
    double rounded = amount >= 10 ? Math.rint(amount) : Math.rint(amount * 10) / 10;
    String number = rounded == Math.rint(rounded)
        ? String.format(Locale.ROOT, "%,d", (long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    return number + " " + name + (rounded == 1.0 ? "" : "s");
  }

  private String money(double amount) {
    return String.format(Locale.ROOT, "%,.2f %s", amount, currency.getCurrencyCode());
  }

  private static String horizonWords(Horizon horizon) {
    double m = horizon.months();
    if (Math.abs(m - Math.rint(m)) < 1e-9) {
      return (long) Math.rint(m) + "-month";
    }
    return String.format(Locale.ROOT, "%.0f-day", horizon.days());
  }

  private static RfmSummary summaryOf(CustomerRfm c) {
    return RfmSummary.of(c);
  }

  private static void finiteSpend(double meanSpend) {
    if (!Double.isFinite(meanSpend)) {
      throw InvalidInputException.argument("meanSpend", "must be a finite number (was " + meanSpend + ")");
    }
  }
}
