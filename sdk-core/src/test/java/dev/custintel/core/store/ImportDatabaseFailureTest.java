package dev.custintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.imports.ImportFailedException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportProgress;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, D4: a failure that only the database sees, mid-file. A CHECK constraint added by the test refuses one
 * order (customer {@code poison}, file line 2551 of 3001), as the database would refuse a value nothing checked
 * before it. Strict mode must leave nothing of the file written (it used to leave every batch committed before the
 * failure); lenient mode must fail with a message naming the file lines of the batch and a report of exactly what
 * was committed (it used to fail with no report at all).
 */
class ImportDatabaseFailureTest extends OnBothDatabases {
  private static final int ORDERS = 3_000;
  private static final int POISON = 2_550; // the order on file line 2551
  private static final int BATCH = 100;

  @TempDir Path dir;
  TestDatabase db;
  CustintelStore store;
  Path file;

  @BeforeEach
  void open() throws IOException, SQLException {
    db = newDatabase.get();
    store = db.configure(CustintelStore.builder()).tablePrefix("dbf_").build();
    execute("ALTER TABLE dbf_orders ADD CONSTRAINT dbf_orders_test_poison_ck CHECK (customer_id <> 'poison')");
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,placed_at,product_id,quantity,currency,line_amount");
    for (int i = 1; i <= ORDERS; i++) {
      String customer = i == POISON ? "poison" : "c" + (i % 700);
      lines.add("o" + i + "," + customer + ",2024-01-01T10:00:00Z,p" + (i % 30) + ",1,USD,9.99");
    }
    file = dir.resolve("orders.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  @AfterEach
  void close() {
    store.close();
    db.close();
  }

  @ParameterizedTest(name = "{0} writers")
  @ValueSource(ints = {1, 2, 4})
  void strictImport_databaseRefusesARowMidFile_writesNothingOfTheFile(int writers) throws SQLException {
    ImportFailedException e = catchThrowableOfType(ImportFailedException.class,
        () -> store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
            options(writers).withMode(ImportMode.STRICT)));

    assertThat(e).isInstanceOf(DataAccessException.class);
    assertThat(e.getMessage()).contains("orders.csv").contains("lines 2502 to 2601").contains("nothing");
    assertThat(e.committed().ordersWritten()).isZero();
    assertThat(count("dbf_orders")).isZero();
    assertThat(count("dbf_order_lines")).isZero();
    assertThat(count("dbf_customers")).isZero();
  }

  @ParameterizedTest(name = "{0} writers")
  @ValueSource(ints = {1, 2, 4})
  void lenientImport_databaseRefusesARowMidFile_failsWithAReportOfWhatWasCommitted(int writers)
      throws SQLException {
    List<ImportProgress> progress = new CopyOnWriteArrayList<>();
    ImportFailedException e = catchThrowableOfType(ImportFailedException.class,
        () -> store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, options(writers).withProgress(progress::add)));

    assertThat(e).isInstanceOf(DataAccessException.class);
    assertThat(e.getMessage()).contains("orders.csv").contains("lines 2502 to 2601");
    long stored = count("dbf_orders");
    assertThat(e.committed().ordersWritten()).isEqualTo(stored);
    // every batch before the failing one was committed; none of the failing one was
    assertThat(stored).isBetween((long) (POISON / BATCH) * BATCH, (long) ORDERS - BATCH);
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1).ordersWritten()).isEqualTo(stored);
  }

  private ImportOptions options(int writers) {
    return ImportOptions.defaults().withBatchSize(BATCH).withWriters(writers);
  }

  private long count(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
