package dev.custintel.core.internal.generate;

import dev.custintel.core.generate.BgNbdParameters;
import dev.custintel.core.generate.SpendParameters;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One generation run: simulates customers one at a time, in index order, and hands their orders to a
 * {@link BatchEmitter}. Order and return numbers run on across customers. Not thread-safe. Not API.
 *
 * <p>Customer {@code i} draws everything from its own stream {@link Sampler#forStream(long, long)
 * forStream(seed, i)}, so its data does not depend on the batch size; only the order numbers depend on the
 * customers before it, and those are themselves deterministic.
 */
public final class ShopSimulation {
  private static final long SECONDS_PER_DAY = 86_400L;
  /** Mean minutes between signing up and the first order, which happens the same day. */
  private static final double FIRST_ORDER_MEAN_SECONDS = 15 * 60;
  private static final int RETURN_MIN_DAYS = 3;
  private static final int RETURN_MAX_DAYS = 30;
  /** Chance that a line of a returned order is part of the return. */
  private static final double RETURN_LINE_SHARE = 0.5;

  private final long seed;
  private final long customers;
  private final ShopCalendar calendar;
  private final Catalog catalog;
  private final People people;
  private final TimeOfDay clock = new TimeOfDay();
  private final BgNbdParameters purchase;
  private final SpendParameters spend;
  private final double returnRate;
  private final Currency currency;
  private final BatchEmitter out;
  private final BasketBuilder basket;
  private final long startSecond;
  private final long endSecondExclusive;
  private final OrderLine[] lineBuffer = new OrderLine[BasketBuilder.MAX_LINES];
  private final int[] returnQuantities = new int[BasketBuilder.MAX_LINES];

  private long purchaseNumber;
  private long returnNumber;

  /**
   * @param seed the generator seed
   * @param customers number of customers
   * @param calendar the window
   * @param catalog the catalog
   * @param purchase the purchase process
   * @param spend the spend model
   * @param returnRate chance that a purchase is later partly returned, 0 to 1
   * @param currency currency of every amount
   * @param out receives the records
   */
  public ShopSimulation(
      long seed,
      long customers,
      ShopCalendar calendar,
      Catalog catalog,
      BgNbdParameters purchase,
      SpendParameters spend,
      double returnRate,
      Currency currency,
      BatchEmitter out) {
    this.seed = seed;
    this.customers = customers;
    this.calendar = calendar;
    this.catalog = catalog;
    this.people = new People(currency);
    this.purchase = purchase;
    this.spend = spend;
    this.returnRate = returnRate;
    this.currency = currency;
    this.out = out;
    this.basket = new BasketBuilder(catalog);
    this.startSecond = calendar.startEpochDay() * SECONDS_PER_DAY;
    this.endSecondExclusive = startSecond + calendar.days() * SECONDS_PER_DAY;
  }

  /** Simulates every customer, in index order. */
  public void run() {
    for (long i = 0; i < customers; i++) {
      simulateCustomer(i);
    }
  }

  /**
   * Simulates one customer: signup, then the BG/NBD purchase process with seasonal thinning, then returns.
   *
   * @param index the customer's 0-based index
   */
  void simulateCustomer(long index) {
    Sampler sampler = Sampler.forStream(seed, index);
    int signupDay = calendar.signupDay(calendar.signupMonth(index, customers), sampler);
    long dayStart = startSecond + signupDay * SECONDS_PER_DAY;
    int signupSecondOfDay = clock.secondOfDay(sampler);
    long number = index + 1;
    String customerId = Ids.format("C-", number, 8);
    String country = people.country(sampler);
    @Nullable String name = people.name(sampler);
    out.beginCustomer(new Customer(
        customerId,
        "customer" + number + "@example.com",
        name,
        country,
        Instant.ofEpochSecond(dayStart + signupSecondOfDay)));

    // The customer's latent traits, drawn once: purchase rate (per day), dropout probability, spend rate.
    double lambda = sampler.gamma(purchase.r(), 1.0 / purchase.alpha());
    double dropout = sampler.beta(purchase.a(), purchase.b());
    double spendRate = sampler.gamma(spend.q(), 1.0 / spend.gamma());
    int staple = catalog.staple(sampler);

    // The first order: minutes after signing up, the same day.
    long firstDelay = 60 + (long) (sampler.exponential(1.0 / FIRST_ORDER_MEAN_SECONDS));
    long second = dayStart + Math.min(SECONDS_PER_DAY - 1, signupSecondOfDay + firstDelay);
    placePurchase(customerId, second, spendRate, staple, sampler);

    // Repeat purchases: a Poisson process of rate λ·s(t) while active, simulated by thinning a process of rate
    // λ·s_max; dropout is only tried after a purchase that happened, so in operational time the process is
    // exactly BG/NBD. A customer whose next purchase would fall after the end simply stops there.
    double seasonMax = calendar.seasonMax();
    double candidateRate = lambda * seasonMax;
    if (!(candidateRate > 0.0)) {
      return;
    }
    double time = (second - startSecond) / (double) SECONDS_PER_DAY;
    long previous = second;
    while (true) {
      time += sampler.exponential(candidateRate);
      if (!(time < calendar.days())) {
        return;
      }
      int day = (int) time;
      if (sampler.uniform() * seasonMax >= calendar.season(day)) {
        continue;
      }
      // The process fixes the day; the hour follows the shop's daily profile, kept after the previous order.
      long placed = startSecond + day * SECONDS_PER_DAY + clock.secondOfDay(sampler);
      if (placed <= previous) {
        placed = previous + 60 + sampler.nextInt(600);
      }
      if (placed >= endSecondExclusive) {
        return;
      }
      placePurchase(customerId, placed, spendRate, staple, sampler);
      previous = placed;
      if (sampler.chance(dropout)) {
        return;
      }
    }
  }

  private void placePurchase(String customerId, long second, double spendRate, int staple, Sampler sampler) {
    double target = sampler.gamma(spend.p(), 1.0 / spendRate);
    basket.fill(target, staple, sampler);
    int size = basket.size();
    long cents = 0;
    for (int i = 0; i < size; i++) {
      int product = basket.product(i);
      int quantity = basket.quantity(i);
      lineBuffer[i] = line(product, quantity);
      cents += catalog.priceCents(product) * quantity;
    }
    Order order = new Order(
        Ids.format("O-", ++purchaseNumber, 8),
        customerId,
        Instant.ofEpochSecond(second),
        currency,
        OrderKind.PURCHASE,
        List.of(Arrays.copyOf(lineBuffer, size)));
    out.purchase(order, cents);
    maybeReturn(customerId, second, sampler);
  }

  /** Part of a purchase comes back 3 to 30 days later, if that is still before the end. */
  private void maybeReturn(String customerId, long purchaseSecond, Sampler sampler) {
    if (!sampler.chance(returnRate)) {
      return;
    }
    long purchaseDay = (purchaseSecond - startSecond) / SECONDS_PER_DAY;
    long day = purchaseDay + RETURN_MIN_DAYS + sampler.nextInt(RETURN_MAX_DAYS - RETURN_MIN_DAYS + 1);
    long placed = startSecond + day * SECONDS_PER_DAY + clock.secondOfDay(sampler);
    if (placed >= endSecondExclusive) {
      return;
    }
    int size = basket.size();
    int returned = 0;
    for (int i = 0; i < size; i++) {
      returnQuantities[i] = 0;
      if (sampler.chance(RETURN_LINE_SHARE)) {
        returnQuantities[i] = 1 + sampler.nextInt(basket.quantity(i));
        returned++;
      }
    }
    if (returned == 0) {
      int i = sampler.nextInt(size);
      returnQuantities[i] = 1 + sampler.nextInt(basket.quantity(i));
      returned = 1;
    }
    OrderLine[] lines = new OrderLine[returned];
    long cents = 0;
    for (int i = 0, j = 0; i < size; i++) {
      if (returnQuantities[i] > 0) {
        int product = basket.product(i);
        lines[j++] = line(product, returnQuantities[i]);
        cents += catalog.priceCents(product) * returnQuantities[i];
      }
    }
    out.refund(
        new Order(
            Ids.format("R-", ++returnNumber, 8),
            customerId,
            Instant.ofEpochSecond(placed),
            currency,
            OrderKind.RETURN,
            List.of(lines)),
        cents);
  }

  private OrderLine line(int product, int quantity) {
    BigDecimal price = catalog.price(product);
    // One unit: reuse the catalog's price instance rather than multiplying by one.
    BigDecimal amount = quantity == 1 ? price : price.multiply(BigDecimal.valueOf(quantity));
    return new OrderLine(catalog.products().get(product).id(), quantity, amount);
  }
}
