package dev.custintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.customer.CustomerRank;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportProgress;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Imports the real datasets once per database and checks known answers computed independently from the raw files
 * (Python's csv and decimal modules over {@code data/}; the scripts' results are quoted in each test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTest extends OnBothDatabases {
  TestDatabase db;
  CustintelStore store;
  /** A second store in the same database: CDNOW and Online Retail customer ids overlap (12583 is in both). */
  CustintelStore retail;
  ImportReport cdnow;
  ImportReport france;
  List<ImportProgress> progress;

  @BeforeParameterizedClassInvocation
  void importDatasets() {
    // One instance serves both databases: every field is set anew for each.
    progress = new ArrayList<>();
    db = newDatabase.get();
    store = db.configure(CustintelStore.builder())
        .clock(Clock.fixed(Instant.parse("1998-07-01T00:00:00Z"), ZoneOffset.UTC))
        .build();
    cdnow = store.ingestion().importFile(TestData.file("clv/CDNOW_master.txt"), ImportFormat.CDNOW,
        ImportOptions.defaults().withMode(ImportMode.STRICT).withBatchSize(5_000).withProgress(progress::add));
    retail = db.configure(CustintelStore.builder()).tablePrefix("retail_").build();
    france = retail.ingestion().importFile(TestData.file("affinity/online_retail_france.csv"),
        ImportFormat.ONLINE_RETAIL, ImportOptions.defaults());
  }

  @AfterParameterizedClassInvocation
  void closeAll() {
    if (store != null) {
      store.close();
    }
    if (retail != null) {
      retail.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void cdnow_masterFile_importsEveryRowAsAnOrder() {
    assertThat(cdnow.rowsRead()).isEqualTo(69_659);
    assertThat(cdnow.ordersWritten()).isEqualTo(69_659);
    assertThat(cdnow.customers()).isEqualTo(23_570);
    assertThat(cdnow.rejectedCount()).isZero();
    // 69,659 orders in batches of 5,000: 14 batches, each reported, counts never going down
    assertThat(progress).hasSize(14);
    assertThat(progress.get(progress.size() - 1).rowsRead()).isEqualTo(69_659);
    assertThat(progress).extracting(ImportProgress::ordersWritten).isSorted();
  }

  @Test
  void cdnow_profiles_matchTotalsComputedFromTheRawFile() {
    // python: 00002 -> 2 rows, 89.00, both 1997-01-12; 00100 -> 3 rows, 55.24, 1997-01-01 .. 1998-04-20;
    // 23570 -> 2 rows, 94.08, 1997-03-25 .. 1997-03-26; 00455 -> 1 row of 0.00
    CustomerProfile c2 = store.customers().profile("00002");
    assertThat(c2.orders()).isEqualTo(2);
    assertThat(c2.totalSpent().toString()).isEqualTo("89.00 USD");
    assertThat(c2.firstOrderAt()).isEqualTo(Instant.parse("1997-01-12T00:00:00Z"));

    CustomerProfile c100 = store.customers().profile("00100");
    assertThat(c100.orders()).isEqualTo(3);
    assertThat(c100.totalSpent().amount()).isEqualByComparingTo("55.24");
    assertThat(c100.averageOrderValue().amount()).isEqualByComparingTo("18.41"); // 55.24 / 3, half-even
    assertThat(c100.lastOrderAt()).isEqualTo(Instant.parse("1998-04-20T00:00:00Z"));
    assertThat(c100.daysSinceLastOrder()).isEqualTo(72); // 1998-04-20 .. 1998-07-01

    assertThat(store.customers().profile("23570").totalSpent().amount()).isEqualByComparingTo("94.08");
    assertThat(store.customers().profile("00455").totalSpent().amount()).isEqualByComparingTo("0");
  }

  @Test
  void cdnow_topSpenders_matchTheRawFile() {
    // python: top 3 by total over the whole file: 07592 13990.93, 14048 8976.33, 07983 6973.07
    List<CustomerRank> top = store.customers().top(3, DateRange.ofDays(LocalDate.of(1997, 1, 1),
        LocalDate.of(1998, 6, 30)));
    assertThat(top).extracting(CustomerRank::customerId).containsExactly("07592", "14048", "07983");
    assertThat(top.get(0).netSpent().amount()).isEqualByComparingTo("13990.93");
  }

  @Test
  void cdnow_reimport_writesNothing() {
    ImportReport again = store.ingestion().importFile(TestData.file("clv/CDNOW_master.txt"), ImportFormat.CDNOW,
        ImportOptions.defaults().withBatchSize(10_000));
    assertThat(again.ordersWritten()).isZero();
    assertThat(again.ordersUnchanged()).isEqualTo(69_659);
  }

  @Test
  void onlineRetailFrance_invoicesReturnsAndCustomers_matchTheRawFile() {
    // python: 458 invoices with a customer (69 of them cancellations), 87 customers, 66 rows with a blank id
    assertThat(france.rowsRead()).isEqualTo(8_557);
    assertThat(france.ordersRead()).isEqualTo(458);
    assertThat(france.customers()).isEqualTo(87);
    assertThat(france.skippedCount()).isEqualTo(66);
    assertThat(france.skipped()).allSatisfy(s -> assertThat(s.field()).isEqualTo("CustomerID"));
    assertThat(france.rejectedCount()).isZero();

    // python: 12583 -> 15 invoices, 3 cancellations, net 7187.34 GBP; 12731 -> 12, 2, 18793.41
    CustomerProfile p = retail.customers().profile("12583");
    assertThat(p.orders()).isEqualTo(15);
    assertThat(p.returns()).isEqualTo(3);
    assertThat(p.totalSpent().toString()).isEqualTo("7187.34 GBP");
    assertThat(p.country()).isEqualTo("France");
    CustomerProfile q = retail.customers().profile("12731");
    assertThat(q.totalSpent().amount()).isEqualByComparingTo("18793.41");
    assertThat(retail.customers().query(CustomerQuery.builder().country("France").limit(1000).build()).items())
        .hasSize(87);
  }

  @Test
  void sharedCustomerId_acrossCurrencies_keepsMoneyInThePrimaryCurrency() {
    // CDNOW customer 12583 (USD) and Online Retail customer 12583 (GBP) in one store: money is never mixed
    store.ingestion().importFile(TestData.file("affinity/online_retail_france.csv"), ImportFormat.ONLINE_RETAIL,
        ImportOptions.defaults());
    CustomerProfile p = store.customers().profile("12583");
    assertThat(p.totalSpent().currency().getCurrencyCode()).isEqualTo("GBP");
    assertThat(p.totalSpent().amount()).isEqualByComparingTo("7187.34");
    assertThat(p.ordersInOtherCurrencies()).isEqualTo(1);
    assertThat(p.orders()).isEqualTo(16);
  }

  @Test
  void strictImport_badRow_writesNothingAndNamesTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("orders.csv");
    Files.writeString(file, String.join("\n",
        "order_id,customer_id,placed_at,product_id,quantity,unit_price,currency",
        "S-1,STRICT-A,2024-01-01,P1,1,9.99,EUR",
        "S-2,STRICT-B,2024-01-02,P1,x,9.99,EUR",
        "S-3,STRICT-C,2024-01-03,P1,1,9.99,EUR"));

    assertThatThrownBy(() -> store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
            ImportOptions.defaults().withMode(ImportMode.STRICT).withBatchSize(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3")
        .extracting("field").isEqualTo("quantity");
    assertThatThrownBy(() -> store.customers().profile("STRICT-A")).isInstanceOf(NotFoundException.class);

    ImportReport lenient = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
        ImportOptions.defaults().withBatchSize(1));
    assertThat(lenient.ordersWritten()).isEqualTo(2);
    assertThat(lenient.rejected()).extracting("line").containsExactly(3L);
    assertThat(store.customers().profile("STRICT-C").orders()).isEqualTo(1);
  }
}
