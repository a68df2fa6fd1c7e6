package dev.custintel.core.generate;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.internal.generate.BatchEmitter;
import dev.custintel.core.internal.generate.Catalog;
import dev.custintel.core.internal.generate.ShopCalendar;
import dev.custintel.core.internal.generate.ShopSimulation;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A seeded synthetic web shop selling coffee, tea and brewing gear: a catalog, customers, purchases and returns
 * that behave like a real shop's, streamed as {@link IngestBatch}es. The same seed and options always give
 * byte-identical data, whatever the batch size. Immutable and thread-safe; {@link #generate} may be called
 * repeatedly and concurrently.
 *
 * <pre>{@code
 * ShopGenerator gen = ShopGenerator.builder().seed(42L).customers(100_000).build();
 * GeneratedShop shop = gen.generate(2_000, batch -> store.ingest(batch));
 * }</pre>
 *
 * <h2>Customers</h2>
 *
 * Customer {@code n} (1-based) has id {@code C-0000000n}, email {@code customer<n>@example.com}, a country drawn
 * from a list weighted for the currency (a euro shop sells mostly to Germany, France, the Netherlands), a name
 * for about 85% of them, and a signup day in the {@link Builder#months(int) months} calendar months ending on
 * the {@link Builder#end(LocalDate) end} day. Signups grow 3% a month and follow the seasonality below;
 * customers are spread over months by stratified sampling, so every month gets its share up to rounding — every
 * month has signups from about 40 customers for 24 months, 1,500 for 120 — and customer numbers grow with signup
 * time.
 *
 * <h2>Purchases: the BG/NBD process</h2>
 *
 * Purchases follow the BG/NBD model of Fader, Hardie and Lee (2005), "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275–284, with time in days:
 *
 * <ol>
 *   <li>the first order is placed on the signup day, minutes after signing up (time 0);
 *   <li>while active, a customer buys as a Poisson process of rate λ: gaps between purchases are
 *       {@code Exponential(λ)};
 *   <li>λ varies across customers as {@code Gamma(r, α)}, density {@code α^r λ^(r-1) e^(-αλ) / Γ(r)};
 *   <li>after each repeat purchase the customer becomes inactive for good with probability p — silently, as real
 *       customers do;
 *   <li>p varies across customers as {@code Beta(a, b)}, independently of λ.
 * </ol>
 *
 * For one customer, the expected number of repeat purchases in t days is {@code (1 - e^(-λpt)) / p}; over
 * customers it is equation (9) of the paper, {@code E[X(t)] = (a + b - 1) / (a - 1) · [1 - (α / (α + t))^r ·
 * 2F1(r, b; a + b - 1; t / (α + t))]} ({@link BgNbdParameters#expectedRepeatPurchases}). Purchases that would
 * fall after the end day are not placed: customers stop at the end, as the data of a real shop does.
 *
 * <p><b>Seasonality.</b> The rate on day u is {@code λ s(u)}, where s is 1.56 from 20 November to 23 December,
 * 0.78 in July and August, a little above or below 1 around them, and averages 1 over a year ({@code
 * Seasonality}). It is simulated by thinning (Lewis and Shedler 1979): candidate purchases arrive at rate
 * {@code λ s_max} and one at u is kept with probability {@code s(u) / s_max}. The kept ones form a Poisson
 * process of rate {@code λ s(u)}, and dropout is only tried after a kept purchase, so in operational time
 * {@code S(t) = ∫ s(u) du} the process is exactly BG/NBD: {@code E[X]} above holds with t replaced by S(t), and
 * over whole years {@code S(t) = t}.
 *
 * <p><b>Defaults.</b> {@code r = 0.7, α = 13 days, a = 1.5, b = 30} ({@link BgNbdParameters#defaults}): a mean
 * rate of 0.054 purchases a day while active (one every 18.6 days), a mean dropout probability of 0.048, and
 * {@code (a + b - 1) / (a - 1) = 61} repeat purchases expected of a customer never cut off by the end. With
 * signups over 24 months growing 3% a month (mean time from signup to end 322 days), equation (9) averaged over
 * the signup days gives {@code 1 + E[X] ≈ 10.07} orders per customer ({@link #expectedOrdersPerCustomer}): 100,000
 * customers place about a million orders. Counts are strongly over-dispersed (variance about 19 times the mean),
 * and about half of the customers who signed up more than a year before the end have bought nothing in its last
 * 180 days.
 *
 * <h2>Spend: the Gamma-Gamma model</h2>
 *
 * Each order has a target value {@code z ~ Gamma(p, ν)} (shape p, rate ν), and each customer a
 * {@code ν ~ Gamma(q, γ)} (Colombo and Jiang 1999; Fader, Hardie and Lee 2005, "RFM and CLV", Journal of
 * Marketing Research 42(4)); the defaults {@code p = 6.25, q = 3.74, γ = 15.44} are their CDNOW estimates, a mean
 * target of {@code pγ / (q - 1) ≈ 35.2} ({@link SpendParameters}). The target is realised through the basket, not
 * by inventing prices: {@code 1 + Poisson(max(0, z / 18 - 1))} lines (at most 6), the first often the customer's
 * staple coffee or tea, each other line the best-priced of three popularity draws for the remaining target,
 * companions pulled in by affinity rules, and second units of cheap lines while the target is not reached.
 * Customers' mean order values keep the model's spread (between-customer coefficient of variation about 0.6),
 * while orders average about 41 rather than 35 because staples and companions come on top of the target.
 * Amounts are exactly {@code quantity × unit price}, two decimals; about 97% of quantities are 1.
 *
 * <h2>Catalog</h2>
 *
 * 200 products ({@code P-0001}…) in 11 categories (Coffee, Tea, Mugs &amp; Cups, Brewing Gear, Filters &amp;
 * Papers, Teaware, Grinders, Syrups &amp; Sweeteners, Snacks &amp; Sweets, Cleaning &amp; Care, Gifts &amp;
 * Sets), with prices at shop endings (x.90, x.95, x.99). Popularity is Zipf-like (weight of rank k ∝
 * {@code k^-0.9}, times a category weight). Affinity rules make some products bought together far more often
 * than chance: a pour-over dripper pulls in filter papers (70% of the time), a teapot loose tea (70%), ground
 * coffee filter papers (30%), a grinder whole beans (60%), an AeroPress its filters (70%), and so on.
 *
 * <h2>Returns</h2>
 *
 * Each purchase is, with probability {@link Builder#returnRate(double) returnRate} (default 3%), partly returned
 * 3 to 30 days later — a RETURN order {@code R-0000000n} with a subset of its lines, each quantity at most the
 * one bought — unless that day is after the end; about 2.9% of purchases get one with the defaults.
 *
 * <h2>Determinism and cost</h2>
 *
 * Customer i draws from its own {@link java.util.SplittableRandom} stream, derived from the seed and i, and all
 * floating-point functions are {@link StrictMath}'s, so the data depends only on the seed and the options.
 * Generation streams customer by customer, holding one batch; 100,000 customers (about a million orders) take a
 * few seconds on one core when the sink does nothing.
 */
public final class ShopGenerator {
  /** The default end day: fixed, not today, so that default options always give the same data. */
  public static final LocalDate DEFAULT_END = LocalDate.of(2025, 12, 31);

  /** Largest number of customers. */
  public static final int MAX_CUSTOMERS = 10_000_000;

  /** Largest number of signup months (ten years). */
  public static final int MAX_MONTHS = 120;

  /** Largest batch size accepted by {@link #generate}. */
  public static final int MAX_BATCH_SIZE = 100_000;

  /** Monthly growth of signups. */
  private static final double SIGNUP_GROWTH = 0.03;

  private final long seed;
  private final int customers;
  private final LocalDate end;
  private final int months;
  private final Currency currency;
  private final BgNbdParameters purchaseProcess;
  private final SpendParameters spend;
  private final boolean seasonal;
  private final double returnRate;
  private final Catalog catalog;
  private final ShopCalendar calendar;

  private ShopGenerator(Builder builder) {
    this.seed = builder.seed;
    this.customers = builder.customers;
    this.end = builder.end;
    this.months = builder.months;
    this.currency = builder.currency;
    this.purchaseProcess = builder.purchaseProcess;
    this.spend = builder.spend;
    this.seasonal = builder.seasonal;
    this.returnRate = builder.returnRate;
    this.catalog = Catalog.generate(seed);
    this.calendar = new ShopCalendar(end, months, seasonal, SIGNUP_GROWTH);
  }

  /** @return a builder with the defaults: seed 1, 10,000 customers, 24 months to 2025-12-31, EUR */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The catalog, the same for the same seed (the options other than the seed do not change it).
   *
   * @return 200 products in id order ({@code P-0001} to {@code P-0200})
   */
  public List<Product> catalog() {
    return catalog.products();
  }

  /**
   * @param productId a product of {@link #catalog()}
   * @return its unit price, two decimals, in the generator's currency
   * @throws InvalidInputException if the catalog has no such product ("productId")
   */
  public Money unitPrice(String productId) {
    int index = catalog.indexOf(Objects.requireNonNull(productId, "productId"));
    if (index < 0) {
      throw InvalidInputException.argument("productId", "is not in the catalog (was '" + productId + "')");
    }
    return Money.of(catalog.price(index), currency);
  }

  /**
   * The mean number of purchase orders per customer the process is built to give: 1 (the first order) plus
   * equation (9) of the BG/NBD paper, averaged over the signup days in operational time. The generated mean
   * scatters around it by a few percent (heavy buyers weigh a lot).
   *
   * @return the expected purchases per customer
   * @throws InvalidInputException if the purchase process has {@code a <= 1} ("a"), where the closed form does
   *     not hold
   */
  public double expectedOrdersPerCustomer() {
    return 1.0 + calendar.meanOverSignups(purchaseProcess::expectedRepeatPurchases);
  }

  /**
   * Generates the shop, streaming it to {@code sink} in batches. The first batch holds every catalog product;
   * each customer is in the batch of their first order; orders come customer by customer (customer numbers
   * ascending), each customer's purchases in time order, each return right after the purchase it belongs to.
   *
   * @param batchSize most orders (purchases and returns) per batch, 1 to 100,000
   * @param sink receives each batch; an exception it throws stops generation and propagates
   * @return what was sent
   * @throws InvalidInputException if {@code batchSize} is out of range ("batchSize") or {@code sink} is null
   *     ("sink")
   */
  public GeneratedShop generate(int batchSize, Consumer<IngestBatch> sink) {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw InvalidInputException.argument(
          "batchSize", "must be between 1 and " + MAX_BATCH_SIZE + " (was " + batchSize + ")");
    }
    Objects.requireNonNull(sink, "sink");
    BatchEmitter out = new BatchEmitter(batchSize, sink, catalog.products());
    new ShopSimulation(
            seed, customers, calendar, catalog, purchaseProcess, spend, returnRate, currency, out)
        .run();
    out.finish();
    return new GeneratedShop(
        out.customerCount(),
        catalog.size(),
        out.purchaseCount(),
        out.purchaseLineCount(),
        out.returnCount(),
        out.batchCount(),
        Instant.ofEpochSecond(out.firstSecond()),
        Instant.ofEpochSecond(out.lastSecond()),
        Money.of(BigDecimal.valueOf(out.purchaseCents() - out.refundCents(), 2), currency),
        Money.of(BigDecimal.valueOf(out.refundCents(), 2), currency));
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return the number of customers */
  public int customers() {
    return customers;
  }

  /** @return the last day of data (UTC) */
  public LocalDate end() {
    return end;
  }

  /** @return the number of signup months */
  public int months() {
    return months;
  }

  /** @return the currency of every amount */
  public Currency currency() {
    return currency;
  }

  /** @return the purchase-process parameters */
  public BgNbdParameters purchaseProcess() {
    return purchaseProcess;
  }

  /** @return the spend parameters */
  public SpendParameters spend() {
    return spend;
  }

  /** @return whether purchase and signup rates follow the seasons */
  public boolean seasonal() {
    return seasonal;
  }

  /** @return the chance that a purchase is later partly returned */
  public double returnRate() {
    return returnRate;
  }

  /** Collects the options; each setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private long seed = 1L;
    private int customers = 10_000;
    private LocalDate end = DEFAULT_END;
    private int months = 24;
    private Currency currency = Currency.getInstance("EUR");
    private BgNbdParameters purchaseProcess = BgNbdParameters.defaults();
    private SpendParameters spend = SpendParameters.defaults();
    private boolean seasonal = true;
    private double returnRate = 0.03;

    private Builder() {}

    /**
     * @param value any number; the same seed and options give byte-identical data (default 1)
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * @param count customers to generate, 1 to 10,000,000 (default 10,000); each places about 10 orders with the
     *     default process and 24 months
     * @return this builder
     * @throws InvalidInputException if out of range ("customers")
     */
    public Builder customers(int count) {
      if (count < 1 || count > MAX_CUSTOMERS) {
        throw InvalidInputException.argument(
            "customers", "must be between 1 and " + MAX_CUSTOMERS + " (was " + count + ")");
      }
      this.customers = count;
      return this;
    }

    /**
     * @param day the last day of data, UTC, inclusive (default {@link #DEFAULT_END}, never today, so that the
     *     output does not depend on when it is generated); years 1971 to 9999
     * @return this builder
     * @throws NullPointerException if null
     * @throws InvalidInputException if out of range ("end")
     */
    public Builder end(LocalDate day) {
      Objects.requireNonNull(day, "end");
      if (day.getYear() < 1971 || day.getYear() > 9999) {
        throw InvalidInputException.argument("end", "must be in the years 1971 to 9999 (was " + day + ")");
      }
      this.end = day;
      return this;
    }

    /**
     * @param count signup months: customers sign up during the {@code count} months that end on the end day,
     *     1 to 120 (default 24); the orders start with the first signups
     * @return this builder
     * @throws InvalidInputException if out of range ("months")
     */
    public Builder months(int count) {
      if (count < 1 || count > MAX_MONTHS) {
        throw InvalidInputException.argument(
            "months", "must be between 1 and " + MAX_MONTHS + " (was " + count + ")");
      }
      this.months = count;
      return this;
    }

    /**
     * @param value the currency of every amount (default EUR); it also decides where customers live. Prices are
     *     euro-like numbers whatever the currency
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder currency(Currency value) {
      this.currency = Objects.requireNonNull(value, "currency");
      return this;
    }

    /**
     * @param parameters the BG/NBD purchase process (default {@link BgNbdParameters#defaults()})
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder purchaseProcess(BgNbdParameters parameters) {
      this.purchaseProcess = Objects.requireNonNull(parameters, "purchaseProcess");
      return this;
    }

    /**
     * @param parameters the Gamma-Gamma spend model (default {@link SpendParameters#defaults()})
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder spend(SpendParameters parameters) {
      this.spend = Objects.requireNonNull(parameters, "spend");
      return this;
    }

    /**
     * @param enabled whether purchase and signup rates follow the seasons (default true); false gives a
     *     time-homogeneous BG/NBD process, handy for checking a model fit against known parameters
     * @return this builder
     */
    public Builder seasonal(boolean enabled) {
      this.seasonal = enabled;
      return this;
    }

    /**
     * @param probability chance that a purchase is partly returned 3 to 30 days later, 0 to 0.5 (default 0.03)
     * @return this builder
     * @throws InvalidInputException if out of range ("returnRate")
     */
    public Builder returnRate(double probability) {
      if (!(probability >= 0.0 && probability <= 0.5)) {
        throw InvalidInputException.argument(
            "returnRate", "must be between 0 and 0.5 (was " + probability + ")");
      }
      this.returnRate = probability;
      return this;
    }

    /** @return the generator (builds the catalog; cheap) */
    public ShopGenerator build() {
      return new ShopGenerator(this);
    }
  }
}
