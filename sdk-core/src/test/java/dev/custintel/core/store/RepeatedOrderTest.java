package dev.custintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, D9: an order id that comes back in a file with different content was replaced silently, even in strict
 * mode; which version was stored depended on the writers, and the replacement counted as a new write. The last
 * version in file order must win whatever the writers, be counted in {@code ordersReplaced}, and fail a strict
 * import unless replacing is allowed; an identical repeat changes nothing.
 */
class RepeatedOrderTest extends OnBothStores {
  private static final String HEADER = "order_id,customer_id,placed_at,product_id,quantity,unit_price,currency";
  private static final int ORDERS = 300;
  private static final int DISTANCE = 10;

  @TempDir Path dir;

  /**
   * Orders R-0.. in file order; each third order comes back {@value #DISTANCE} orders later with another quantity
   * (a changed repeat), each third + 1 comes back identical, the others once. Small batches put the versions of
   * one order in batches that several writers write at the same time.
   *
   * @param finalTotals receives each order's total as its last version gives it
   */
  private Path repeatsFile(Map<String, BigDecimal> finalTotals) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (int i = 0; i < ORDERS + DISTANCE; i++) {
      if (i < ORDERS) {
        lines.add(row(i, 1));
        finalTotals.put("R-" + i, price(i));
      }
      int back = i - DISTANCE;
      if (back >= 0 && back % 3 == 0) {
        lines.add(row(back, 2));
        finalTotals.put("R-" + back, price(back).multiply(BigDecimal.valueOf(2)));
      } else if (back >= 0 && back % 3 == 1) {
        lines.add(row(back, 1));
      }
    }
    return Files.write(dir.resolve("repeats.csv"), lines, StandardCharsets.UTF_8);
  }

  private static String row(int order, int quantity) {
    return "R-" + order + ",C-" + (order % 37) + ",2024-03-01T10:00:00Z,P-" + (order % 11) + "," + quantity + ","
        + price(order).toPlainString() + ",EUR";
  }

  private static BigDecimal price(int order) {
    return BigDecimal.valueOf(100 + order, 2);
  }

  @ParameterizedTest(name = "{0} writers")
  @ValueSource(ints = {1, 2, 4})
  void importFile_changedAndIdenticalRepeats_lastVersionWinsAndIsCountedAsReplaced(int writers) throws Exception {
    Map<String, BigDecimal> expected = new TreeMap<>();
    Path file = repeatsFile(expected);
    int changed = ORDERS / 3;
    int identical = ORDERS / 3; // 300 orders: 100 of each kind
    ImportOptions options = ImportOptions.defaults().withWriters(writers).withBatchSize(4);

    ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, options);

    assertThat(report.rejectedCount()).isZero();
    assertThat(report.ordersRead()).isEqualTo(ORDERS + changed + identical);
    assertThat(report.ordersWritten()).isEqualTo(ORDERS);
    assertThat(report.ordersReplaced()).isEqualTo(changed);
    assertThat(report.ordersUnchanged()).isEqualTo(identical);
    assertThat(storedTotals()).isEqualTo(expected);

    // Again: the earlier versions are written again, then replaced; the stored orders end the same.
    ImportReport again = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, options);
    assertThat(again.ordersReplaced()).isEqualTo(changed);
    assertThat(again.ordersWritten()).isEqualTo(changed);
    assertThat(storedTotals()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} writers")
  @ValueSource(ints = {1, 2, 4})
  void importFile_strictWithAChangedRepeat_failsNamingTheLineAndWritesNothing(int writers) throws Exception {
    Map<String, BigDecimal> expected = new TreeMap<>();
    Path file = repeatsFile(expected);
    ImportOptions strict =
        ImportOptions.defaults().withMode(ImportMode.STRICT).withWriters(writers).withBatchSize(4);

    // R-0 (line 2) comes back with quantity 2 after R-0..R-10: line 13
    assertThatThrownBy(() -> store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, strict))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 13")
        .hasMessageContaining("repeats order 'R-0' of line 2 with different content")
        .extracting("field").isEqualTo("order_id");
    assertThat(storedTotals()).isEmpty();

    ImportReport replacing = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, strict.withReplace(true));
    assertThat(replacing.ordersReplaced()).isEqualTo(ORDERS / 3);
    assertThat(storedTotals()).isEqualTo(expected);
  }

  @Test
  void importFile_identicalRepeatInStrictMode_isANoOp() throws Exception {
    Path file = Files.write(dir.resolve("twice.csv"), List.of(HEADER, row(1, 1), row(2, 1), row(1, 1)),
        StandardCharsets.UTF_8);

    ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
        ImportOptions.defaults().withMode(ImportMode.STRICT).withBatchSize(1));

    assertThat(report.ordersWritten()).isEqualTo(2);
    assertThat(report.ordersUnchanged()).isEqualTo(1);
    assertThat(report.ordersReplaced()).isZero();
  }

  @Test
  void importFile_orderChangedSinceAnEarlierImport_isAWriteNotAReplacement() throws Exception {
    Path before = Files.write(dir.resolve("before.csv"), List.of(HEADER, row(1, 1), row(2, 1)),
        StandardCharsets.UTF_8);
    Path after = Files.write(dir.resolve("after.csv"), List.of(HEADER, row(1, 3), row(2, 1)),
        StandardCharsets.UTF_8);
    ImportOptions strict = ImportOptions.defaults().withMode(ImportMode.STRICT);
    store.ingestion().importFile(before, ImportFormat.ORDERS_CSV, strict);

    ImportReport report = store.ingestion().importFile(after, ImportFormat.ORDERS_CSV, strict);

    assertThat(report.ordersWritten()).isEqualTo(1);
    assertThat(report.ordersUnchanged()).isEqualTo(1);
    assertThat(report.ordersReplaced()).isZero();
    assertThat(storedTotals()).containsEntry("R-1", price(1).multiply(BigDecimal.valueOf(3)));
  }

  private Map<String, BigDecimal> storedTotals() throws SQLException {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT order_id, total_amount FROM ci_orders ORDER BY order_id")) {
      while (rs.next()) {
        totals.put(rs.getString(1), rs.getBigDecimal(2).setScale(2, java.math.RoundingMode.UNNECESSARY));
      }
    }
    return new TreeMap<>(totals);
  }
}
