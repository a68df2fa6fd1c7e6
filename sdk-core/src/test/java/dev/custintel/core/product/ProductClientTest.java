package dev.custintel.core.product;

import static dev.custintel.core.testing.Orders.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import dev.custintel.core.testing.OnBothStores;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Product figures, on H2 and PostgreSQL, against figures this test computes itself from the orders it ingested: a
 * small hand-made batch with returns, two currencies and a product never sold, and a generated shop.
 */
class ProductClientTest extends OnBothStores {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency USD = Currency.getInstance("USD");

  private static final List<Product> HAND_PRODUCTS = List.of(
      Product.of("SKU-A", "Green Tea Sencha", "Tea"),
      Product.of("SKU-B", "Black Tea 100% Assam", "Tea"),
      Product.of("SKU-C", "Pour-over Dripper", "Brewing Gear"),
      Product.of("SKU-D", "Mystery_Box", null),
      Product.of("SKU-E", "Unsold Mug", "Mugs"),
      Product.of("SKU-F", "Old Filter", null));

  private static final List<Order> HAND_ORDERS = List.of(
      order("O-1", "C-1", "2024-01-10", OrderKind.PURCHASE, EUR, line("SKU-A", 2, "10.00"), line("SKU-C", 1, "30.00")),
      // The same product on two lines of one order: one order, four units.
      order("O-2", "C-2", "2024-02-05", OrderKind.PURCHASE, EUR, line("SKU-A", 1, "5.00"), line("SKU-A", 3, "15.00")),
      order("O-3", "C-1", "2024-03-01", OrderKind.PURCHASE, USD, line("SKU-A", 1, "6.50"), line("SKU-B", 1, "4.25")),
      order("R-1", "C-1", "2024-01-20", OrderKind.RETURN, EUR, line("SKU-A", 1, "5.00")),
      order("O-4", "C-3", "2024-03-15", OrderKind.PURCHASE, EUR, line("SKU-D", 1, "9.99")),
      // Only ever returned (bought before the shop's data starts).
      order("R-2", "C-3", "2024-04-01", OrderKind.RETURN, EUR, line("SKU-F", 1, "2.00")));

  private static OrderLine line(String sku, int quantity, String amount) {
    return new OrderLine(sku, quantity, new BigDecimal(amount));
  }

  private static Order order(
      String id, String customer, String date, OrderKind kind, Currency currency, OrderLine... lines) {
    return new Order(id, customer, day(date), currency, kind, List.of(lines));
  }

  private void ingestHandBatch() {
    IngestBatch.Builder batch = IngestBatch.builder();
    HAND_PRODUCTS.forEach(batch::product);
    HAND_ORDERS.forEach(batch::order);
    store.ingestion().ingest(batch.build());
  }

  /** A generated shop, ingested; its products and orders as sent. */
  private record Shop(List<Product> products, List<Order> orders) {}

  private Shop ingestGeneratedShop() {
    List<Product> products = new ArrayList<>();
    List<Order> orders = new ArrayList<>();
    ShopGenerator.builder().seed(11).customers(250).months(12).build().generate(1_000, batch -> {
      products.addAll(batch.products());
      orders.addAll(batch.orders());
      store.ingestion().ingest(batch);
    });
    return new Shop(products, orders);
  }

  /**
   * The figures as the client documents them, computed here from the orders: purchases make buyers, orders, units
   * and dates; revenue is purchases minus returns per currency; with a period only its orders count and only
   * products bought in it are listed.
   */
  private static List<ProductStats> expected(
      List<Product> products, List<Order> orders, @Nullable DateRange period, Predicate<Product> filter) {
    List<ProductStats> out = new ArrayList<>();
    for (Product p : products.stream().sorted(Comparator.comparing(Product::id)).toList()) {
      if (!filter.test(p)) {
        continue;
      }
      Set<String> buyers = new HashSet<>();
      Set<String> orderIds = new HashSet<>();
      long units = 0;
      Instant first = null;
      Instant last = null;
      Map<String, BigDecimal> revenue = new TreeMap<>();
      for (Order o : orders) {
        if (period != null && !period.contains(o.placedAt())) {
          continue;
        }
        for (OrderLine l : o.lines()) {
          if (!l.productId().equals(p.id())) {
            continue;
          }
          BigDecimal signed = l.amount();
          if (o.kind() == OrderKind.PURCHASE) {
            buyers.add(o.customerId());
            orderIds.add(o.id());
            units += l.quantity();
            first = first == null || o.placedAt().isBefore(first) ? o.placedAt() : first;
            last = last == null || o.placedAt().isAfter(last) ? o.placedAt() : last;
          } else {
            signed = signed.negate();
          }
          revenue.merge(o.currency().getCurrencyCode(), signed, BigDecimal::add);
        }
      }
      if (period != null && orderIds.isEmpty()) {
        continue;
      }
      List<Money> money = revenue.entrySet().stream()
          .map(e -> new Money(e.getValue(), Currency.getInstance(e.getKey())).normalized()).toList();
      out.add(new ProductStats(p.id(), p.name(), p.category(), buyers.size(), orderIds.size(), units, money, first,
          last));
    }
    return out;
  }

  private List<ProductStats> listAll(ProductQuery query) {
    List<ProductStats> all = new ArrayList<>();
    ProductPage page = store.products().list(query);
    all.addAll(page.items());
    while (page.hasNext()) {
      assertThat(page.items()).hasSize(query.limit());
      page = store.products().list(query.withCursor(page.nextCursor()));
      all.addAll(page.items());
    }
    assertThat(page.nextCursor()).isNull();
    return all;
  }

  @Test
  void product_handBatch_countsPurchasesAndNetsReturnsPerCurrency() {
    ingestHandBatch();

    ProductStats a = store.products().product("SKU-A");
    assertThat(a.name()).isEqualTo("Green Tea Sencha");
    assertThat(a.category()).isEqualTo("Tea");
    assertThat(a.buyers()).isEqualTo(2);
    assertThat(a.orders()).isEqualTo(3);
    assertThat(a.unitsSold()).isEqualTo(7);
    // EUR 10 + 5 + 15 - 5 returned; USD 6.50; sorted by currency code.
    assertThat(a.revenue()).containsExactly(Money.of("25.00", "EUR"), Money.of("6.50", "USD"));
    assertThat(a.firstSold()).isEqualTo(day("2024-01-10"));
    assertThat(a.lastSold()).isEqualTo(day("2024-03-01"));
    assertThat(a.sold()).isTrue();

    ProductStats d = store.products().product("SKU-D");
    assertThat(d.category()).isNull();
    assertThat(d.revenue()).containsExactly(Money.of("9.99", "EUR"));

    ProductStats never = store.products().product("SKU-E");
    assertThat(never.sold()).isFalse();
    assertThat(never.buyers()).isZero();
    assertThat(never.unitsSold()).isZero();
    assertThat(never.revenue()).isEmpty();
    assertThat(never.firstSold()).isNull();
    assertThat(never.lastSold()).isNull();

    ProductStats onlyReturned = store.products().product("SKU-F");
    assertThat(onlyReturned.orders()).isZero();
    assertThat(onlyReturned.revenue()).containsExactly(Money.of("-2.00", "EUR"));
    assertThat(onlyReturned.firstSold()).isNull();

    for (ProductStats want : expected(HAND_PRODUCTS, HAND_ORDERS, null, p -> true)) {
      assertThat(store.products().product(want.sku())).isEqualTo(want);
    }
  }

  @Test
  void list_handBatch_everyProductWithItsFiguresBySku() {
    ingestHandBatch();
    assertThat(store.products().list(ProductQuery.builder().build()).items())
        .isEqualTo(expected(HAND_PRODUCTS, HAND_ORDERS, null, p -> true))
        .extracting(ProductStats::sku).containsExactly("SKU-A", "SKU-B", "SKU-C", "SKU-D", "SKU-E", "SKU-F");
  }

  @Test
  void list_filters_categoryNameAndPeriodCombine() {
    ingestHandBatch();
    assertThat(store.products().list(ProductQuery.builder().category("Tea").build()).items())
        .extracting(ProductStats::sku).containsExactly("SKU-A", "SKU-B");
    assertThat(store.products().list(ProductQuery.builder().category("tea").build()).items()).isEmpty();
    // Case-insensitive, and % and _ match only themselves.
    assertThat(store.products().list(ProductQuery.builder().nameContains("TEA").build()).items())
        .extracting(ProductStats::sku).containsExactly("SKU-A", "SKU-B");
    assertThat(store.products().list(ProductQuery.builder().nameContains("100%").build()).items())
        .extracting(ProductStats::sku).containsExactly("SKU-B");
    assertThat(store.products().list(ProductQuery.builder().nameContains("0%").build()).items())
        .extracting(ProductStats::sku).containsExactly("SKU-B");
    assertThat(store.products().list(ProductQuery.builder().nameContains("y_b").build()).items())
        .extracting(ProductStats::sku).containsExactly("SKU-D");
    assertThat(store.products().list(ProductQuery.builder().nameContains("r_o").build()).items()).isEmpty();

    // February: only order O-2, and its figures only.
    DateRange february = DateRange.month(java.time.YearMonth.of(2024, 2));
    assertThat(store.products().list(ProductQuery.builder().soldWithin(february).build()).items())
        .containsExactly(new ProductStats("SKU-A", "Green Tea Sencha", "Tea", 1, 1, 4,
            List.of(Money.of("20.00", "EUR")), day("2024-02-05"), day("2024-02-05")));
    // The return R-1 in January nets January's revenue; R-2 in April makes no product "sold" in April.
    DateRange january = DateRange.month(java.time.YearMonth.of(2024, 1));
    assertThat(store.products().list(ProductQuery.builder().soldWithin(january).build()).items())
        .isEqualTo(expected(HAND_PRODUCTS, HAND_ORDERS, january, p -> true))
        .extracting(ProductStats::sku).containsExactly("SKU-A", "SKU-C");
    assertThat(store.products().list(ProductQuery.builder().soldWithin(january).build()).items().get(0).revenue())
        .containsExactly(Money.of("5.00", "EUR"));
    DateRange april = DateRange.month(java.time.YearMonth.of(2024, 4));
    assertThat(store.products().list(ProductQuery.builder().soldWithin(april).build()).items()).isEmpty();

    DateRange spring = DateRange.ofDays(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 4, 30));
    assertThat(store.products().list(
            ProductQuery.builder().soldWithin(spring).category("Tea").nameContains("green").build()).items())
        .containsExactly(new ProductStats("SKU-A", "Green Tea Sencha", "Tea", 1, 1, 1,
            List.of(Money.of("6.50", "USD")), day("2024-03-01"), day("2024-03-01")));
  }

  @Test
  void generatedShop_everyProductMatchesTheOrdersAndPagesOfSevenVisitEachOnce() {
    Shop shop = ingestGeneratedShop();
    List<ProductStats> want = expected(shop.products(), shop.orders(), null, p -> true);
    assertThat(want).hasSize(200);
    assertThat(want).filteredOn(ProductStats::sold).hasSizeGreaterThan(100);
    assertThat(shop.orders()).anyMatch(o -> o.kind() == OrderKind.RETURN);

    List<ProductStats> paged = listAll(ProductQuery.builder().limit(7).build());
    assertThat(paged).hasSize(200);
    assertThat(paged.stream().map(ProductStats::sku).distinct().count()).isEqualTo(200);
    assertThat(paged).isEqualTo(want);

    ProductStats top = want.stream().max(Comparator.comparingLong(ProductStats::orders)).orElseThrow();
    assertThat(store.products().product(top.sku())).isEqualTo(top);
  }

  @Test
  void generatedShop_filtersMatchTheOrders() {
    Shop shop = ingestGeneratedShop();
    DateRange quarter = DateRange.ofDays(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30));
    assertThat(listAll(ProductQuery.builder().soldWithin(quarter).limit(7).build()))
        .isEqualTo(expected(shop.products(), shop.orders(), quarter, p -> true))
        .isNotEmpty();
    assertThat(listAll(ProductQuery.builder().category("Tea").limit(7).build()))
        .isEqualTo(expected(shop.products(), shop.orders(), null, p -> "Tea".equals(p.category())))
        .hasSizeGreaterThan(7);
    assertThat(listAll(ProductQuery.builder().nameContains("FILTER").soldWithin(quarter).build()))
        .isEqualTo(expected(shop.products(), shop.orders(), quarter,
            p -> p.name().toLowerCase(Locale.ROOT).contains("filter")))
        .isNotEmpty();
  }

  @Test
  void product_unknownSku_throwsNotFoundNamingIt() {
    ingestHandBatch();
    assertThatThrownBy(() -> store.products().product("SKU-Z"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.entity()).isEqualTo("product");
          assertThat(e.id()).isEqualTo("SKU-Z");
        })
        .hasMessageContaining("SKU-Z");
  }

  @Test
  void product_blankOrTooLongSku_isInvalidNamingSku() {
    for (String bad : List.of("", "  ", "x".repeat(65), " SKU-A")) {
      assertThatThrownBy(() -> store.products().product(bad))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("sku"));
    }
  }

  @Test
  void list_badCursor_isInvalidNamingCursor() {
    ingestHandBatch();
    String customerStyle = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("k:C-1".getBytes(StandardCharsets.UTF_8));
    String empty = Base64.getUrlEncoder().withoutPadding().encodeToString("p:".getBytes(StandardCharsets.UTF_8));
    for (String bad : List.of("!!not-base64", customerStyle, empty)) {
      assertThatThrownBy(() -> store.products().list(ProductQuery.builder().cursor(bad).build()))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }
    ProductPage first = store.products().list(ProductQuery.builder().limit(2).build());
    assertThat(first.items()).extracting(ProductStats::sku).containsExactly("SKU-A", "SKU-B");
    assertThat(store.products().list(ProductQuery.builder().limit(2).cursor(first.nextCursor()).build()).items())
        .extracting(ProductStats::sku).containsExactly("SKU-C", "SKU-D");
  }

  @Test
  void query_badValues_areInvalidNamingTheField() {
    assertThat(ProductQuery.builder().build().limit()).isEqualTo(ProductQuery.DEFAULT_LIMIT);
    assertThatThrownBy(() -> ProductQuery.builder().limit(0).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> ProductQuery.builder().limit(ProductQuery.MAX_LIMIT + 1).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> ProductQuery.builder().category(" ").build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("category"));
    assertThatThrownBy(() -> ProductQuery.builder().nameContains("").build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("nameContains"));
    assertThat(ProductQuery.builder().limit(ProductQuery.MAX_LIMIT).build().limit()).isEqualTo(1_000);
  }

  @Test
  void closedStore_refusesProductReads() {
    store.close();
    assertThatThrownBy(() -> store.products()).isInstanceOf(IllegalStateException.class);
  }
}
