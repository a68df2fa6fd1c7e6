package dev.custintel.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.testing.TestDatabase;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Issue 17: COPY went from text (CSV) to binary. Tricky values copied both ways, the binary writer's and the CSV
 * that ingestion wrote before (kept here as it was), must be stored identically: text with quotes, tabs,
 * backslashes, line breaks and characters outside the BMP, nulls, decimals at the edges of {@code DECIMAL(19,4)}
 * and beyond its scale (rounded), timestamps at microsecond precision before 1970, before 2000 (PostgreSQL's
 * epoch) and at the years 1 and 9999.
 */
class PostgresCopyTest {
  private static final String COLUMNS = "id, t, c, n, ts, i";

  private TestDatabase db;
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    db = TestDatabase.postgres();
    c = DriverManager.getConnection(db.jdbcUrl());
    try (Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      for (String table : List.of("binary_rows", "text_rows")) {
        st.execute("CREATE TABLE " + table + " (id INTEGER NOT NULL, t VARCHAR(64), c CHAR(3),"
            + " n DECIMAL(19, 4), ts TIMESTAMP WITH TIME ZONE, i INTEGER)");
      }
    }
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
    db.close();
  }

  /** One row of the test table. */
  private record Row(int id, @Nullable String t, @Nullable String c, BigDecimal n, Instant ts, int i) {}

  private static List<Row> trickyRows() {
    List<String> texts = Arrays.asList(
        "plain", "Zürich Straße €", "emoji \uD83D\uDE00 and \uD834\uDD1E", "quote \" and '", "tab\there",
        "back\\slash \\N", "comma, semicolon;", "line\nbreak\r\n", "", null, "x".repeat(64), "日本語の名前");
    List<BigDecimal> decimals = List.of(
        new BigDecimal("0"), new BigDecimal("0.0001"), new BigDecimal("12.5"), new BigDecimal("12.50"),
        new BigDecimal("999999999999999.9999"), new BigDecimal("1E+3"), new BigDecimal("0.00005"),
        new BigDecimal("0.00004"), new BigDecimal("123456789012345.12345"), new BigDecimal("10000"),
        new BigDecimal("100000000.0000"), new BigDecimal("-1.5"), new BigDecimal("-0.0001"),
        new BigDecimal("0E-10"), new BigDecimal("9223372036854.775807"), new BigDecimal("1.23456789"));
    List<Instant> times = List.of(
        Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("1900-02-28T12:00:00.000001Z"), Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("2000-01-01T00:00:00Z"),
        Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.parse("2024-02-29T10:15:30.123456Z"),
        Instant.parse("1582-10-10T00:00:00Z"));
    List<String> codes = Arrays.asList("EUR", "US", null, "ÄÖÜ");
    List<Integer> ints = List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE);
    List<Row> rows = new ArrayList<>();
    int count = Math.max(texts.size(), Math.max(decimals.size(), times.size()));
    for (int k = 0; k < count; k++) {
      rows.add(new Row(k, texts.get(k % texts.size()), codes.get(k % codes.size()), decimals.get(k % decimals.size()),
          times.get(k % times.size()), ints.get(k % ints.size())));
    }
    return rows;
  }

  @Test
  void binaryCopy_trickyValues_storesWhatTheTextCopyStored() throws Exception {
    List<Row> rows = trickyRows();
    PostgresCopy binary = PostgresCopy.forTable("binary_rows", COLUMNS);
    CsvCopy text = new CsvCopy();
    for (Row r : rows) {
      binary.integer(r.id()).text(r.t()).text(r.c()).numeric(r.n()).timestamp(r.ts()).integer(r.i()).endRow();
      text.plain(r.id()).text(r.t()).text(r.c()).plain(r.n().toPlainString())
          .plain(OffsetDateTime.ofInstant(r.ts(), ZoneOffset.UTC)).plain(r.i()).endRow();
    }
    assertThat(binary.execute(c)).isEqualTo(rows.size());
    assertThat(text.execute(c, "text_rows")).isEqualTo(rows.size());

    List<List<String>> stored = read("binary_rows");
    assertThat(stored).hasSize(rows.size()).isEqualTo(read("text_rows"));
    // and what that is, spelled out for a few of them
    assertThat(stored.get(2).get(1)).isEqualTo("emoji \uD83D\uDE00 and \uD834\uDD1E");
    assertThat(stored.get(7).get(1)).isEqualTo("line\nbreak\r\n");
    assertThat(stored.get(9).get(1)).isNull();
    assertThat(stored.get(1).get(2)).isEqualTo("US "); // CHAR(3) pads
    assertThat(stored.get(3).get(3)).isEqualTo("12.5000");
    assertThat(stored.get(5).get(3)).isEqualTo("1000.0000");
    assertThat(stored.get(6).get(3)).isEqualTo("0.0001"); // 0.00005 rounds half away from zero, as text input
    assertThat(stored.get(7).get(3)).isEqualTo("0.0000");
    assertThat(stored.get(8).get(3)).isEqualTo("123456789012345.1235");
    assertThat(stored.get(12).get(3)).isEqualTo("-0.0001");
    assertThat(stored.get(1).get(4)).isEqualTo("1969-12-31 23:59:59.999999+00");
    assertThat(stored.get(3).get(4)).isEqualTo("0001-01-01 00:00:00+00");
    assertThat(stored.get(4).get(4)).isEqualTo("9999-12-31 23:59:59.999999+00");
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT ts FROM binary_rows ORDER BY id")) {
      for (Row r : rows) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(r.ts());
      }
    }
  }

  @Test
  void binaryCopy_valuesTheColumnsRefuse_failsAsTheTextCopyDid() throws SQLException {
    PostgresCopy tooLong = PostgresCopy.forTable("binary_rows", COLUMNS);
    tooLong.integer(1).text("x".repeat(65)).text("EUR").numeric(BigDecimal.ONE).timestamp(Instant.EPOCH)
        .integer(0).endRow();
    assertThatThrownBy(() -> tooLong.execute(c)).hasMessageContaining("too long");

    c.setAutoCommit(false); // the failed COPY above ran in its own transaction; this one is rolled back below
    PostgresCopy tooLarge = PostgresCopy.forTable("binary_rows", COLUMNS);
    tooLarge.integer(1).text("x").text("EUR").numeric(new BigDecimal("1000000000000000")).timestamp(Instant.EPOCH)
        .integer(0).endRow();
    assertThatThrownBy(() -> tooLarge.execute(c)).hasMessageContaining("overflow");
    c.rollback();
  }

  @Test
  void endRow_missingValue_isRefusedBeforeTheDatabase() {
    PostgresCopy copy = PostgresCopy.forTable("binary_rows", COLUMNS);
    copy.integer(1).text("x");
    assertThatThrownBy(copy::endRow).isInstanceOf(IllegalStateException.class).hasMessageContaining("6 columns");
  }

  private List<List<String>> read(String table) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT r.id::text, r.t, r.c, r.n::text, r.ts::text, r.i::text FROM " + table + " r ORDER BY r.id")) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
          row.add(rs.getString(k));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The text COPY ingestion used before issue 17 (CSV, values formatted as text), with a null as CSV's. */
  private static final class CsvCopy {
    private final StringBuilder rows = new StringBuilder();
    private boolean rowStarted;

    CsvCopy text(@Nullable String value) {
      separator();
      if (value == null) {
        return this; // unquoted and empty: NULL in CSV
      }
      rows.append('"');
      for (int k = 0; k < value.length(); k++) {
        char ch = value.charAt(k);
        if (ch == '"') {
          rows.append('"');
        }
        rows.append(ch);
      }
      rows.append('"');
      return this;
    }

    CsvCopy plain(Object value) {
      separator();
      rows.append(value);
      return this;
    }

    private void separator() {
      if (rowStarted) {
        rows.append(',');
      }
      rowStarted = true;
    }

    void endRow() {
      rows.append('\n');
      rowStarted = false;
    }

    long execute(Connection connection, String table) throws Exception {
      return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
          "COPY " + table + " (" + COLUMNS + ") FROM STDIN (FORMAT csv)", new StringReader(rows.toString()));
    }
  }
}
