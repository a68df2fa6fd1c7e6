package dev.custintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.testing.OnBothStores;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, D1: several writers import the same file whatever its row order. Sorted by date, adjacent batches
 * keep creating the same new customers and products at the same time; that used to exhaust the unique-violation
 * retries ({@code duplicate key value violates unique constraint "ci_customers_pk"}) and store only part of the
 * orders. Every order of the file must be stored, exactly.
 */
class ConcurrentImportTest extends OnBothStores {
  private static final int ORDERS = 16_000;
  private static final int ORDERS_PER_CUSTOMER = 8;
  private static final int PRODUCTS = 400;

  @TempDir Path dir;

  /** One generated order: its rows of the orders CSV, and what it adds up to. */
  private record GeneratedOrder(String id, String customer, LocalDate day, List<String> rows, BigDecimal total) {}

  @ParameterizedTest(name = "{0} order, {1} writers")
  @CsvSource({
    "date, 1", "date, 2", "date, 4",
    "customer, 1", "customer, 2", "customer, 4",
    "shuffled, 1", "shuffled, 2", "shuffled, 4"
  })
  void importFile_anyRowOrderAnyWriters_storesEveryOrderExactly(String order, int writers)
      throws IOException, SQLException {
    List<GeneratedOrder> orders = generate();
    switch (order) {
      case "date" -> orders.sort(Comparator.comparing(GeneratedOrder::day).thenComparing(GeneratedOrder::id));
      case "customer" -> orders.sort(Comparator.comparing(GeneratedOrder::customer).thenComparing(GeneratedOrder::id));
      default -> Collections.shuffle(orders, new Random(7));
    }
    Path file = dir.resolve("orders-" + order + ".csv");
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency,product_name,country,email");
    orders.forEach(o -> lines.addAll(o.rows()));
    Files.write(file, lines, StandardCharsets.UTF_8);
    long rows = lines.size() - 1L;
    BigDecimal total = orders.stream().map(GeneratedOrder::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    long customers = orders.stream().map(GeneratedOrder::customer).distinct().count();

    ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
        ImportOptions.defaults().withWriters(writers).withBatchSize(400));

    assertThat(report.rejectedCount()).isZero();
    assertThat(report.ordersRead()).isEqualTo(ORDERS);
    assertThat(report.ordersWritten()).isEqualTo(ORDERS);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement()) {
      assertThat(single(st, "SELECT COUNT(*) FROM ci_orders")).isEqualTo(String.valueOf(ORDERS));
      assertThat(new BigDecimal(single(st, "SELECT SUM(total_amount) FROM ci_orders"))).isEqualByComparingTo(total);
      assertThat(single(st, "SELECT COUNT(*) FROM ci_order_lines")).isEqualTo(String.valueOf(rows));
      assertThat(single(st, "SELECT COUNT(*) FROM ci_customers")).isEqualTo(String.valueOf(customers));
      // every customer row has the data its rows gave, whichever writer created it
      assertThat(single(st, "SELECT COUNT(*) FROM ci_customers WHERE country IS NOT NULL AND email LIKE '%@example.com'"))
          .isEqualTo(String.valueOf(customers));
      assertThat(single(st, "SELECT COUNT(*) FROM ci_products WHERE name LIKE 'Product %'"))
          .isEqualTo(single(st, "SELECT COUNT(*) FROM ci_products"));
    }
  }

  private static String single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  /**
   * Customers arriving all year, each with a few orders within two months, as new customers of a shop do: sorted
   * by date, the batches written at the same time share many customers they all create. Orders have 1-3 lines;
   * deterministic.
   */
  private static List<GeneratedOrder> generate() {
    Random r = new Random(11);
    List<GeneratedOrder> out = new ArrayList<>();
    LocalDate start = LocalDate.of(2023, 1, 1);
    for (int o = 0; o < ORDERS; o++) {
      String id = "O-" + o;
      int c = o / ORDERS_PER_CUSTOMER;
      String customer = "C-" + c;
      LocalDate day = start.plusDays((c * 7919L) % 300 + r.nextInt(60));
      int lineCount = 1 + r.nextInt(3);
      List<String> rows = new ArrayList<>();
      BigDecimal total = BigDecimal.ZERO;
      List<Integer> products = r.ints(0, PRODUCTS).distinct().limit(lineCount).boxed().collect(Collectors.toList());
      for (int product : products) {
        int quantity = 1 + r.nextInt(3);
        BigDecimal price = BigDecimal.valueOf(100 + r.nextInt(9_900), 2);
        total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
        rows.add(id + "," + customer + "," + day + ",P-" + product + "," + quantity + "," + price.toPlainString()
            + ",EUR,Product " + product + "," + (customer.hashCode() % 2 == 0 ? "DE" : "FR") + ","
            + customer.toLowerCase(java.util.Locale.ROOT) + "@example.com");
      }
      out.add(new GeneratedOrder(id, customer, day, rows, total));
    }
    return out;
  }
}
