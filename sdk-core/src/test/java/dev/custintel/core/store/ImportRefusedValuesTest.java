package dev.custintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.imports.RejectedRow;
import dev.custintel.core.testing.OnBothStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, D4: values that the parsers used to accept but a database refuses (PostgreSQL, H2 or both) aborted the
 * whole import. Each is now a rejected row, with its file line and column, like any other bad row; the rows around
 * it are imported. The limits are both databases' at once, so a file imports the same on either.
 */
class ImportRefusedValuesTest extends OnBothStores {
  private static final String HEADER = "order_id,customer_id,placed_at,product_id,quantity,currency,line_amount,"
      + "product_name,email";

  @TempDir Path dir;
  @Override
  protected CustintelStore.Builder configure(CustintelStore.Builder builder) {
    return builder.tablePrefix("rv_");
  }

  @Test
  void import_yearAfter9999_rejectsTheRowWithItsLine() throws IOException {
    assertOnlyMiddleRowRejected("o2,c2,+10000-01-01T00:00:00Z,p1,1,USD,5.00,CD,", "placed_at", "years 1 and 9999");
  }

  @Test
  void import_dateBeforeYear1_rejectsTheRowWithItsLine() throws IOException {
    assertOnlyMiddleRowRejected("o2,c2,0000-06-01,p1,1,USD,5.00,CD,", "placed_at", "years 1 and 9999");
  }

  @Test
  void import_cdnowDateOfYear0_rejectsTheRowWithItsLine() throws IOException {
    Path file = write("cdnow.txt", "00001 19970101 1 10.00", "00002 00000101 1 20.00", "00003 19970102 2 30.00");
    ImportReport report = store.ingestion().importFile(file, ImportFormat.CDNOW, ImportOptions.defaults());
    assertThat(report.rejected()).extracting(RejectedRow::line, RejectedRow::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "date"));
    assertThat(report.rejected().get(0).reason()).contains("years 1 and 9999");
    assertThat(report.ordersWritten()).isEqualTo(2);
    assertThat(store.customers().profile("00003").orders()).isEqualTo(1);
  }

  @Test
  void import_nulInOrderId_rejectsTheRowWithItsLine() throws IOException {
    assertOnlyMiddleRowRejected("o\u00002,c2,2024-01-01,p1,1,USD,5.00,CD,", "order_id", "NUL");
  }

  @Test
  void import_nulInCustomerId_rejectsTheRowWithItsLine() throws IOException {
    assertOnlyMiddleRowRejected("o2,c\u00002,2024-01-01,p1,1,USD,5.00,CD,", "customer_id", "NUL");
  }

  @Test
  void import_nulInProductName_rejectsTheRowWithItsLine() throws IOException {
    assertOnlyMiddleRowRejected("o2,c2,2024-01-01,p9,1,USD,5.00,C\u0000D,", "product_name", "NUL");
  }

  @Test
  void import_nulInEmail_rejectsTheRowWithItsLine() throws IOException {
    assertOnlyMiddleRowRejected("o2,c2,2024-01-01,p1,1,USD,5.00,CD,a\u0000@b.example", "email", "NUL");
  }

  @Test
  void import_productNameLongerThanItsColumn_rejectsTheRowWithItsLine() throws IOException {
    assertOnlyMiddleRowRejected("o2,c2,2024-01-01,p9,1,USD,5.00," + "n".repeat(301) + ",", "product_name",
        "at most 300 characters");
  }

  @Test
  void import_emailLongerThanItsColumn_rejectsTheRowWithItsLine() throws IOException {
    assertOnlyMiddleRowRejected("o2,c2,2024-01-01,p1,1,USD,5.00,CD," + "e".repeat(321), "email",
        "at most 320 characters");
  }

  @Test
  void import_lineTotalsReaching10To15_rejectsTheRowThatCrossesIt() throws IOException {
    Path file = write("big.csv", HEADER,
        "o1,c1,2024-01-01,p1,1,USD,600000000000000.00,CD,",
        "o1,c1,2024-01-01,p2,1,USD,400000000000000.00,CD,",
        "o2,c2,2024-01-02,p1,1,USD,5.00,CD,");
    ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, ImportOptions.defaults());
    assertRejected(report, 3, "line_amount", "10^15");
    assertThat(report.ordersWritten()).isEqualTo(2);
    // the order keeps its first row, as with any rejected row of a multi-row order
    assertThat(store.customers().profile("c1").totalSpent().amount()).isEqualByComparingTo("600000000000000");
    assertThat(store.customers().profile("c2").orders()).isEqualTo(1);
  }

  @Test
  void import_quantitiesSummingPast2To31_rejectsTheRowThatCrossesIt() throws IOException {
    Path file = write("many.csv", HEADER,
        "o1,c1,2024-01-01,p1,2000000000,USD,1.00,CD,",
        "o1,c1,2024-01-01,p2,2000000000,USD,1.00,CD,",
        "o2,c2,2024-01-02,p1,1,USD,5.00,CD,");
    ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, ImportOptions.defaults());
    assertRejected(report, 3, "quantity", "2147483647");
    assertThat(report.ordersWritten()).isEqualTo(2);
    assertThat(store.customers().profile("c1").orders()).isEqualTo(1);
  }

  @Test
  void import_onlineRetailQuantitiesSummingPast2To31_rejectsTheRowThatCrossesIt() throws IOException {
    Path file = write("retail.csv",
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
        "536365,85123A,HEART,2000000000,12/1/2010 8:26,0.01,17850,United Kingdom",
        "536365,71053,LANTERN,2000000000,12/1/2010 8:26,0.01,17850,United Kingdom",
        "536366,22633,WARMER,6,12/1/2010 8:28,1.85,17851,United Kingdom");
    ImportReport report = store.ingestion().importFile(file, ImportFormat.ONLINE_RETAIL, ImportOptions.defaults());
    assertRejected(report, 3, "Quantity", "2147483647");
    assertThat(report.ordersWritten()).isEqualTo(2);
  }

  @Test
  void import_refusedValueInStrictMode_failsNamingTheLineAndWritesNothing() throws IOException {
    Path file = write("strict.csv", HEADER,
        "o1,c1,2024-01-01,p1,1,USD,5.00,CD,",
        "o2,c2,+10000-01-01T00:00:00Z,p1,1,USD,5.00,CD,");
    assertThatThrownBy(() -> store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
            ImportOptions.defaults().withMode(ImportMode.STRICT)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("placed_at");
    assertThatThrownBy(() -> store.customers().profile("c1")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void import_firstAndLastStorableYears_areKeptExactly() throws IOException {
    Path file = write("edges.csv", HEADER,
        "o1,c1,0001-01-01T00:00:00Z,p1,1,USD,5.00,CD,",
        "o2,c2,9999-12-31T23:59:59.999999Z,p1,1,USD,5.00,CD,");
    ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, ImportOptions.defaults());
    assertThat(report.rejectedCount()).isZero();
    assertThat(store.customers().profile("c1").firstOrderAt()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(store.customers().profile("c2").lastOrderAt())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
  }

  /** Imports a good row, {@code row}, and another good row; only {@code row} (line 3) must be rejected. */
  private void assertOnlyMiddleRowRejected(String row, String field, String reason) throws IOException {
    Path file = write("orders.csv", HEADER,
        "o1,c1,2024-01-01,p1,1,USD,10.00,CD,",
        row,
        "o3,c3,2024-01-03,p1,2,USD,30.00,CD,");
    ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, ImportOptions.defaults());
    assertRejected(report, 3, field, reason);
    assertThat(report.ordersWritten()).isEqualTo(2);
    assertThat(store.customers().profile("c1").orders()).isEqualTo(1);
    assertThat(store.customers().profile("c3").orders()).isEqualTo(1);
  }

  private static void assertRejected(ImportReport report, long line, String field, String reason) {
    assertThat(report.rejectedCount()).isEqualTo(1);
    RejectedRow rejected = report.rejected().get(0);
    assertThat(rejected.line()).isEqualTo(line);
    assertThat(rejected.field()).isEqualTo(field);
    assertThat(rejected.reason()).contains(reason);
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
