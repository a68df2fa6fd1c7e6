package dev.custintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17: {@link ImportOptions#asynchronousCommit()} lets bulk loads commit without waiting for the flush to disk.
 * It must apply to each of the import's transactions on PostgreSQL (a trigger records the setting every COPY of
 * orders ran with), to nothing else, and must not change what is stored: the same file imported with and without
 * it gives identical rows, and importing it again writes nothing.
 */
class AsynchronousCommitImportTest extends OnBothDatabases {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private TestDatabase db;
  private Path file;
  private final List<CustintelStore> stores = new ArrayList<>();

  @BeforeEach
  void writeFile() throws IOException {
    db = newDatabase.get();
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,placed_at,product_id,quantity,line_amount,currency,kind");
    for (int o = 1; o <= 600; o++) {
      String placed = Instant.parse("1969-06-01T00:00:00Z").plusSeconds(o * 7_919_993L + o % 7).plusNanos(o * 1_000L)
          .toString();
      for (int l = 1; l <= 1 + o % 3; l++) {
        lines.add(String.format(Locale.ROOT, "A-%d,c%d,%s,p%d,%d,%d.%04d,%s,%s", o, o % 97, placed, (o * l) % 31,
            l, o * l, (o * 37) % 10_000, o % 5 == 0 ? "EUR" : "USD", o % 11 == 0 ? "return" : "purchase"));
      }
    }
    file = dir.resolve("orders.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  @AfterEach
  void close() {
    stores.forEach(CustintelStore::close);
    db.close();
  }

  private CustintelStore store(String prefix) {
    CustintelStore store = db.configure(CustintelStore.builder()).tablePrefix(prefix).clock(CLOCK).build();
    stores.add(store);
    return store;
  }

  @ParameterizedTest
  @EnumSource(ImportMode.class)
  void asynchronousCommit_storesExactlyWhatASynchronousImportStores(ImportMode mode) throws SQLException {
    ImportOptions options = ImportOptions.defaults().withMode(mode).withBatchSize(50).withWriters(2);
    ImportReport sync = store("s_").ingestion().importFile(file, ImportFormat.ORDERS_CSV, options);
    CustintelStore asyncStore = store("a_");
    ImportReport async = asyncStore.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
        options.withAsynchronousCommit(true));

    assertThat(async.ordersWritten()).isEqualTo(sync.ordersWritten()).isEqualTo(600);
    assertThat(async.rowsRead()).isEqualTo(sync.rowsRead());
    assertThat(rows("a_orders", "order_id")).isEqualTo(rows("s_orders", "order_id")).hasSize(600);
    assertThat(rows("a_order_lines", "order_id, line_no")).isEqualTo(rows("s_order_lines", "order_id, line_no"))
        .hasSize((int) sync.rowsRead());
    assertThat(rows("a_customers", "customer_id")).isEqualTo(rows("s_customers", "customer_id")).hasSize(97);
    assertThat(rows("a_products", "product_id")).isEqualTo(rows("s_products", "product_id"));

    ImportReport again = asyncStore.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
        options.withAsynchronousCommit(true));
    assertThat(again.ordersWritten()).isZero();
    assertThat(again.ordersUnchanged()).isEqualTo(600);
  }

  @Test
  void asynchronousCommit_appliesToEachImportTransactionOnly() throws SQLException {
    if (!db.name().equals("postgresql")) {
      return; // H2 has no such setting: the option does nothing there, as documented
    }
    CustintelStore store = store("t_");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE commit_modes (mode TEXT NOT NULL)");
      st.execute("CREATE FUNCTION record_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " INSERT INTO commit_modes VALUES (current_setting('synchronous_commit')); RETURN NULL; END $$");
      st.execute("CREATE TRIGGER orders_commit_mode AFTER INSERT ON t_orders"
          + " FOR EACH STATEMENT EXECUTE FUNCTION record_commit_mode()");
    }
    ImportOptions options = ImportOptions.defaults().withBatchSize(100).withWriters(2);

    store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, options.withAsynchronousCommit(true));
    assertThat(modes()).hasSize(6).containsOnly("off");

    clearModes();
    store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, options.withAsynchronousCommit(false));
    assertThat(modes()).isEmpty(); // every order is stored unchanged: no insert at all

    clearModes();
    CustintelStore other = store("t2_"); // a synchronous import into tables with the trigger
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement()) {
      st.execute("CREATE TRIGGER orders_commit_mode AFTER INSERT ON t2_orders"
          + " FOR EACH STATEMENT EXECUTE FUNCTION record_commit_mode()");
    }
    other.ingestion().importFile(file, ImportFormat.ORDERS_CSV, options);
    assertThat(modes()).hasSize(6).containsOnly("on"); // the setting did not outlive the import's transactions
  }

  private List<String> modes() throws SQLException {
    List<String> modes = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT mode FROM commit_modes")) {
      while (rs.next()) {
        modes.add(rs.getString(1));
      }
    }
    return modes;
  }

  private void clearModes() throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement()) {
      st.execute("DELETE FROM commit_modes");
    }
  }

  /** @return every row of the table as text, in key order */
  private List<List<String>> rows(String table, String key) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY " + key)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int k = 1; k <= columns; k++) {
          row.add(rs.getString(k));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
