package dev.custintel.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The statistics of a 5,000-customer shop (fixed seed) against what a real shop shows and what the class
 * documentation promises. Generated once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopGeneratorRealismTest {
  private static final int CUSTOMERS = 5_000;
  private static final int MONTHS = 24;
  private static final int BATCH_SIZE = 2_000;
  private static final LocalDate END = LocalDate.of(2026, 10, 31);
  private static final Instant END_EXCLUSIVE = END.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private ShopGenerator gen;
  private GeneratedShop shop;
  private final List<IngestBatch> batches = new ArrayList<>();
  private final List<Customer> customers = new ArrayList<>();
  private final List<Order> purchases = new ArrayList<>();
  private final List<Order> returns = new ArrayList<>();
  private final Map<String, List<Order>> purchasesByCustomer = new HashMap<>();

  @BeforeAll
  void generate() {
    gen = ShopGenerator.builder().seed(2024L).customers(CUSTOMERS).months(MONTHS).end(END).build();
    shop = gen.generate(BATCH_SIZE, batches::add);
    for (IngestBatch batch : batches) {
      customers.addAll(batch.customers());
      for (Order order : batch.orders()) {
        if (order.kind() == OrderKind.PURCHASE) {
          purchases.add(order);
          purchasesByCustomer.computeIfAbsent(order.customerId(), id -> new ArrayList<>()).add(order);
        } else {
          returns.add(order);
        }
      }
    }
  }

  @Test
  void summary_countsWhatWasSent() {
    assertThat(shop.customers()).isEqualTo(CUSTOMERS).isEqualTo(customers.size());
    assertThat(shop.orders()).isEqualTo(purchases.size());
    assertThat(shop.returns()).isEqualTo(returns.size());
    assertThat(shop.orderLines()).isEqualTo(purchases.stream().mapToLong(o -> o.lines().size()).sum());
    assertThat(shop.batches()).isEqualTo(batches.size());
    BigDecimal net = BigDecimal.ZERO;
    for (Order order : purchases) {
      net = net.add(order.total().amount());
    }
    for (Order order : returns) {
      net = net.subtract(order.total().amount());
    }
    assertThat(shop.totalRevenue()).isEqualTo(Money.of(net, gen.currency()));
    Instant first = purchases.stream().map(Order::placedAt).min(Instant::compareTo).orElseThrow();
    assertThat(shop.firstOrderAt()).isEqualTo(first);
    assertThat(shop.lastOrderAt()).isBefore(END_EXCLUSIVE);
  }

  @Test
  void ordersPerCustomer_withinDocumentedRange() {
    double expected = gen.expectedOrdersPerCustomer();
    // Documented: about 10.1 orders per customer for 24 months with the defaults.
    assertThat(expected).isCloseTo(10.1, within(0.3));
    // Counts are heavy-tailed (standard error of the mean about 0.2 here), hence 15%.
    assertThat(shop.ordersPerCustomer()).isCloseTo(expected, within(0.15 * expected));
  }

  @Test
  void purchaseCounts_overDispersed() {
    double mean = (double) purchases.size() / CUSTOMERS;
    double sumSquares = 0.0;
    for (Customer customer : customers) {
      int count = purchasesByCustomer.getOrDefault(customer.id(), List.of()).size();
      sumSquares += (count - mean) * (count - mean);
    }
    double variance = sumSquares / (CUSTOMERS - 1);
    assertThat(variance / mean).isGreaterThan(1.5);
  }

  @Test
  void customers_someSilentlyStopped() {
    Instant signedUpBefore = END_EXCLUSIVE.minus(Duration.ofDays(365));
    Instant quietSince = END_EXCLUSIVE.minus(Duration.ofDays(180));
    int old = 0;
    int quiet = 0;
    for (Customer customer : customers) {
      if (customer.signedUpAt().isBefore(signedUpBefore)) {
        old++;
        List<Order> orders = purchasesByCustomer.get(customer.id());
        Instant last = orders.get(orders.size() - 1).placedAt();
        if (last.isBefore(quietSince)) {
          quiet++;
        }
      }
    }
    assertThat(old).isGreaterThan(1_000);
    assertThat((double) quiet / old).isBetween(0.2, 0.9);
  }

  @Test
  void signups_coverEveryMonth() {
    Set<YearMonth> months = new TreeSet<>();
    for (Customer customer : customers) {
      months.add(YearMonth.from(customer.signedUpAt().atZone(ZoneOffset.UTC)));
    }
    Set<YearMonth> expected = new TreeSet<>();
    for (int i = 0; i < MONTHS; i++) {
      expected.add(YearMonth.from(END).minusMonths(i));
    }
    assertThat(months).isEqualTo(expected);
  }

  @Test
  void signups_fewCustomers_stillCoverEveryMonthAsDocumented() {
    assertThat(signupMonths(40, 24)).hasSize(24);
    assertThat(signupMonths(1_500, 120)).hasSize(120);
  }

  private static Set<YearMonth> signupMonths(int customerCount, int months) {
    Set<YearMonth> seen = new HashSet<>();
    ShopGenerator.builder().customers(customerCount).months(months).end(END).build().generate(BATCH_SIZE, batch -> {
      for (Customer customer : batch.customers()) {
        seen.add(YearMonth.from(customer.signedUpAt().atZone(ZoneOffset.UTC)));
      }
    });
    return seen;
  }

  @Test
  void signups_moreInRecentMonths() {
    long firstHalf = customers.stream()
        .filter(c -> c.signedUpAt().isBefore(END_EXCLUSIVE.minus(Duration.ofDays(365))))
        .count();
    assertThat(firstHalf).isLessThan(CUSTOMERS / 2);
  }

  @Test
  void firstOrder_onSignupDay() {
    for (Customer customer : customers) {
      Order first = purchasesByCustomer.get(customer.id()).get(0);
      assertThat(first.placedAt()).isAfter(customer.signedUpAt());
      assertThat(first.placedAt().truncatedTo(ChronoUnit.DAYS))
          .isEqualTo(customer.signedUpAt().truncatedTo(ChronoUnit.DAYS));
    }
  }

  @Test
  void spend_heterogeneousAcrossCustomers() {
    // Gamma-Gamma: customers differ in their mean order value far more than the noise of a few orders would
    // explain (with one spend level for all, the mean of 5+ orders would vary by about 0.45 / √5 ≈ 0.2).
    List<Double> means = new ArrayList<>();
    for (List<Order> orders : purchasesByCustomer.values()) {
      if (orders.size() >= 5) {
        means.add(orders.stream().mapToDouble(o -> o.total().amount().doubleValue()).average().orElseThrow());
      }
    }
    double mean = means.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance = means.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum() / (means.size() - 1);
    assertThat(means).hasSizeGreaterThan(1_000);
    assertThat(Math.sqrt(variance) / mean).isGreaterThan(0.4);
    assertThat(mean).isBetween(25.0, 50.0);
  }

  @Test
  void december_busierThanAverage() {
    Map<YearMonth, Integer> perMonth = new HashMap<>();
    for (Order order : purchases) {
      perMonth.merge(YearMonth.from(order.placedAt().atZone(ZoneOffset.UTC)), 1, Integer::sum);
    }
    long days = ChronoUnit.DAYS.between(YearMonth.from(END).minusMonths(MONTHS - 1).atDay(1), END.plusDays(1));
    double perDay = (double) purchases.size() / days;
    double decemberOrders = perMonth.get(YearMonth.of(2024, 12)) + perMonth.get(YearMonth.of(2025, 12));
    assertThat(decemberOrders / 62.0).isGreaterThan(perDay);
    // Against its neighbour, where the customer base is about the same size: the peak is real.
    assertThat(perMonth.get(YearMonth.of(2025, 12)) / 31.0)
        .isGreaterThan(1.2 * perMonth.get(YearMonth.of(2025, 10)) / 31.0);
    // And summer dips below the spring before it.
    assertThat(perMonth.get(YearMonth.of(2026, Month.AUGUST)) / 31.0)
        .isLessThan(perMonth.get(YearMonth.of(2026, Month.MAY)) / 31.0);
  }

  @Test
  void products_somePairBoughtTogetherFarMoreThanChance() {
    Map<String, Integer> single = new HashMap<>();
    Map<String, Integer> pairs = new HashMap<>();
    for (Order order : purchases) {
      List<OrderLine> lines = order.lines();
      for (int i = 0; i < lines.size(); i++) {
        single.merge(lines.get(i).productId(), 1, Integer::sum);
        for (int j = i + 1; j < lines.size(); j++) {
          String a = lines.get(i).productId();
          String b = lines.get(j).productId();
          pairs.merge(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a, 1, Integer::sum);
        }
      }
    }
    double n = purchases.size();
    double bestLift = 0.0;
    for (Map.Entry<String, Integer> pair : pairs.entrySet()) {
      if (pair.getValue() < 20) {
        continue;
      }
      String[] ids = pair.getKey().split("\\|");
      double lift = pair.getValue() * n / ((double) single.get(ids[0]) * single.get(ids[1]));
      bestLift = Math.max(bestLift, lift);
    }
    assertThat(bestLift).isGreaterThan(3.0);
  }

  @Test
  void products_popularityIsSkewed() {
    Map<String, Integer> units = new HashMap<>();
    for (Order order : purchases) {
      for (OrderLine line : order.lines()) {
        units.merge(line.productId(), 1, Integer::sum);
      }
    }
    List<Integer> counts = new ArrayList<>(units.values());
    counts.sort((a, b) -> b - a);
    int total = counts.stream().mapToInt(Integer::intValue).sum();
    int top20 = counts.subList(0, 20).stream().mapToInt(Integer::intValue).sum();
    // Zipf-like: the top 10% of products carry far more than 10% of the lines.
    assertThat((double) top20 / total).isGreaterThan(0.3);
  }

  @Test
  void batches_atMostBatchSizeOrders_productsFirst_customersWithFirstOrder() {
    Set<String> seenCustomers = new HashSet<>();
    for (int b = 0; b < batches.size(); b++) {
      IngestBatch batch = batches.get(b);
      assertThat(batch.orders()).hasSizeLessThanOrEqualTo(BATCH_SIZE).isNotEmpty();
      assertThat(batch.products()).isEqualTo(b == 0 ? gen.catalog() : List.of());
      Set<String> batchCustomers = new HashSet<>();
      for (Customer customer : batch.customers()) {
        assertThat(seenCustomers.add(customer.id())).as("customer sent once").isTrue();
        batchCustomers.add(customer.id());
      }
      Set<String> ordered = new HashSet<>();
      for (Order order : batch.orders()) {
        assertThat(seenCustomers).contains(order.customerId());
        ordered.add(order.customerId());
      }
      assertThat(ordered).containsAll(batchCustomers);
    }
  }

  @Test
  void customers_wellFormed() {
    Pattern id = Pattern.compile("C-\\d{8}");
    for (int i = 0; i < customers.size(); i++) {
      Customer customer = customers.get(i);
      assertThat(customer.id()).matches(id);
      assertThat(customer.email()).isEqualTo("customer" + (i + 1) + "@example.com");
      assertThat(customer.country()).matches("[A-Z]{2}");
      assertThat(customer.signedUpAt()).isBefore(END_EXCLUSIVE);
    }
    long named = customers.stream().filter(c -> c.name() != null).count();
    assertThat((double) named / CUSTOMERS).isBetween(0.75, 0.95);
  }

  @Test
  void purchases_wellFormedAndPricedFromCatalog() {
    Set<String> catalogIds = new HashSet<>();
    for (Product product : gen.catalog()) {
      catalogIds.add(product.id());
    }
    Pattern id = Pattern.compile("O-\\d{8}");
    Set<String> orderIds = new HashSet<>();
    int quantityOne = 0;
    int lines = 0;
    for (Order order : purchases) {
      assertThat(order.id()).matches(id);
      assertThat(orderIds.add(order.id())).isTrue();
      assertThat(order.currency()).isEqualTo(gen.currency());
      assertThat(order.placedAt()).isBefore(END_EXCLUSIVE);
      assertThat(order.lines()).hasSizeBetween(1, 6);
      Set<String> products = new HashSet<>();
      for (OrderLine line : order.lines()) {
        assertThat(catalogIds).contains(line.productId());
        assertThat(products.add(line.productId())).as("distinct products in " + order.id()).isTrue();
        BigDecimal unit = gen.unitPrice(line.productId()).amount();
        assertThat(line.amount()).isEqualTo(unit.multiply(BigDecimal.valueOf(line.quantity())));
        assertThat(line.amount().scale()).isEqualTo(2);
        lines++;
        if (line.quantity() == 1) {
          quantityOne++;
        }
      }
    }
    assertThat((double) quantityOne / lines).isGreaterThan(0.8);
  }

  @Test
  void purchases_perCustomerInTimeOrder() {
    for (List<Order> orders : purchasesByCustomer.values()) {
      for (int i = 1; i < orders.size(); i++) {
        assertThat(orders.get(i).placedAt()).isAfter(orders.get(i - 1).placedAt());
      }
    }
  }

  @Test
  void returns_aboutThreePercent_referenceEarlierPurchaseOfSameCustomer() {
    assertThat((double) returns.size() / purchases.size()).isCloseTo(0.03, within(0.02));
    Pattern id = Pattern.compile("R-\\d{8}");
    for (Order ret : returns) {
      assertThat(ret.id()).matches(id);
      assertThat(ret.placedAt()).isBefore(END_EXCLUSIVE);
      boolean found = false;
      for (Order purchase : purchasesByCustomer.get(ret.customerId())) {
        long days = ChronoUnit.DAYS.between(
            purchase.placedAt().truncatedTo(ChronoUnit.DAYS), ret.placedAt().truncatedTo(ChronoUnit.DAYS));
        if (days >= 3 && days <= 30 && covers(purchase, ret)) {
          found = true;
          break;
        }
      }
      assertThat(found).as("return %s matches a purchase 3-30 days before", ret.id()).isTrue();
    }
  }

  @Test
  void catalog_about200ProductsInNamedCategories() {
    List<Product> catalog = gen.catalog();
    assertThat(catalog).hasSize(200);
    assertThat(catalog.get(0).id()).isEqualTo("P-0001");
    assertThat(catalog.get(199).id()).isEqualTo("P-0200");
    assertThat(catalog.stream().map(Product::name).distinct().count()).isEqualTo(200);
    Set<String> categories = new HashSet<>();
    for (Product product : catalog) {
      categories.add(product.category());
      BigDecimal price = gen.unitPrice(product.id()).amount();
      assertThat(price.scale()).isEqualTo(2);
      assertThat(price).isBetween(new BigDecimal("1.00"), new BigDecimal("500.00"));
    }
    assertThat(categories).hasSizeBetween(8, 12).contains("Coffee", "Tea", "Mugs & Cups", "Brewing Gear");
  }

  /** Whether every returned line is a product of the purchase, at most the quantity bought, same unit price. */
  private static boolean covers(Order purchase, Order ret) {
    for (OrderLine returned : ret.lines()) {
      OrderLine bought = purchase.lines().stream()
          .filter(l -> l.productId().equals(returned.productId()))
          .findFirst()
          .orElse(null);
      if (bought == null
          || returned.quantity() > bought.quantity()
          || returned.unitPrice().compareTo(bought.unitPrice()) != 0) {
        return false;
      }
    }
    return true;
  }
}
