package dev.custintel.core.internal.ingest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk insert with PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)} on the transaction's connection:
 * several times faster than batched INSERTs for order lines. Used only when the PostgreSQL driver is on the class
 * path and the connection unwraps to it; otherwise ingestion uses JDBC batches. Not API.
 *
 * <p>Binary rather than text (CSV): the server then neither parses timestamps nor decimals (text input of a
 * {@code timestamptz} and a {@code numeric} was a large part of the server's work per line), and the rows are
 * written straight into bytes, without formatting a {@code String} per value and re-encoding it. The values
 * stored are the same: the server's binary input of a {@code varchar(n)}, {@code char(n)} and {@code numeric(p,s)}
 * applies the column's length, precision and scale as its text input does (a value too long or too large is
 * refused, more decimals than the scale are rounded), and text is UTF-8, the driver's client encoding. Each
 * method writes one column of the current row, in the order of the columns given to {@link #forTable}.
 */
final class PostgresCopy {
  private static final boolean DRIVER_PRESENT = driverPresent();

  /** "PGCOPY\n\377\r\n\0", then flags (int32 0) and the header extension's length (int32 0). */
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in microseconds after 1970-01-01T00:00:00Z. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800L * 1_000_000L;

  private static final int NUMERIC_POSITIVE = 0x0000;
  private static final int NUMERIC_NEGATIVE = 0x4000;
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

  private final String sql;
  private final int columns;
  private byte[] buf = new byte[1 << 16];
  private int len;
  private int rows;
  private int rowFields;

  private PostgresCopy(String table, String columns) {
    this.sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)";
    this.columns = columns.split(",").length;
    System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
    len = HEADER.length;
  }

  /** @return whether the connection is a PostgreSQL driver connection that can COPY */
  static boolean available(Connection connection) {
    if (!DRIVER_PRESENT) {
      return false;
    }
    try {
      return connection.isWrapperFor(PGConnection.class);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * @param table the table
   * @param columns the columns each row gives, comma-separated
   * @return a writer collecting rows for one COPY
   */
  static PostgresCopy forTable(String table, String columns) {
    return new PostgresCopy(table, columns);
  }

  /** A {@code varchar}, {@code char} or {@code text} column: UTF-8 bytes, or NULL. */
  PostgresCopy text(@Nullable String value) {
    startField();
    if (value == null) {
      int4(-1);
      return this;
    }
    int n = value.length();
    ensure(4 + 3 * n); // a UTF-16 char gives at most 3 UTF-8 bytes (a surrogate pair gives 4 for 2 chars)
    int lengthAt = len;
    len += 4;
    byte[] b = buf;
    int p = len;
    for (int i = 0; i < n; i++) {
      char ch = value.charAt(i);
      if (ch < 0x80) {
        b[p++] = (byte) ch;
      } else if (ch < 0x800) {
        b[p++] = (byte) (0xc0 | (ch >> 6));
        b[p++] = (byte) (0x80 | (ch & 0x3f));
      } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(ch, value.charAt(++i));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(ch)) {
        b[p++] = '?'; // an unpaired surrogate, as String.getBytes(UTF_8) replaces it
      } else {
        b[p++] = (byte) (0xe0 | (ch >> 12));
        b[p++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (ch & 0x3f));
      }
    }
    len = lengthAt;
    int4(p - lengthAt - 4);
    len = p;
    return this;
  }

  /** An {@code integer} column. */
  PostgresCopy integer(int value) {
    startField();
    int4(4);
    int4(value);
    return this;
  }

  /** A {@code timestamp with time zone} column, in microseconds (finer digits are dropped). */
  PostgresCopy timestamp(Instant value) {
    startField();
    ensure(12);
    int4(8);
    int8(Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000)
        - POSTGRES_EPOCH_MICROS);
    return this;
  }

  /**
   * A {@code numeric} column: base-10000 digits, the weight of the first one, the sign and the display scale (the
   * value's scale, as the text {@code toPlainString()} would give it).
   */
  PostgresCopy numeric(BigDecimal value) {
    startField();
    int dscale = Math.max(0, value.scale());
    BigInteger unscaled = (value.scale() < 0 ? value.setScale(0) : value).unscaledValue();
    int sign = unscaled.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE;
    unscaled = unscaled.abs();
    // Align the decimal point to a base-10000 digit boundary: value = n * 10000^-fractionDigits.
    int pad = (4 - dscale % 4) % 4;
    int fractionDigits = (dscale + pad) / 4;
    short[] digits; // least significant first
    int count = 0;
    if (unscaled.bitLength() < 50) { // * 10^3 still fits in a long
      long n = unscaled.longValue();
      for (int i = 0; i < pad; i++) {
        n *= 10;
      }
      digits = new short[6];
      while (n != 0) {
        digits[count++] = (short) (n % 10_000);
        n /= 10_000;
      }
    } else {
      BigInteger n = unscaled.multiply(BigInteger.TEN.pow(pad));
      digits = new short[n.bitLength() / 13 + 2]; // 10000 > 2^13
      while (n.signum() != 0) {
        BigInteger[] qr = n.divideAndRemainder(TEN_THOUSAND);
        digits[count++] = qr[1].shortValue();
        n = qr[0];
      }
    }
    int low = 0; // trailing zero digits are not sent: the display scale keeps them
    while (low < count && digits[low] == 0) {
      low++;
    }
    int ndigits = count - low;
    int weight = ndigits == 0 ? 0 : count - 1 - fractionDigits;
    ensure(4 + 8 + 2 * ndigits);
    int4(8 + 2 * ndigits);
    int2(ndigits);
    int2(weight);
    int2(ndigits == 0 ? NUMERIC_POSITIVE : sign);
    int2(dscale);
    for (int i = count - 1; i >= low; i--) {
      int2(digits[i]);
    }
    return this;
  }

  /** Ends the current row, which must have a value for every column. */
  void endRow() {
    if (rowFields != columns) {
      throw new IllegalStateException("a row of " + columns + " columns was given " + rowFields + " values");
    }
    rowFields = 0;
  }

  private void startField() {
    if (rowFields == 0) {
      ensure(2);
      int2(columns);
      rows++;
    }
    rowFields++;
  }

  /** @return the number of rows copied */
  long execute(Connection connection) {
    if (rowFields != 0) {
      throw new IllegalStateException("the last row is not ended");
    }
    if (rows == 0) {
      return 0;
    }
    ensure(2);
    int2(-1); // the file trailer
    try {
      PGConnection pg = connection.unwrap(PGConnection.class);
      CopyIn copy = pg.getCopyAPI().copyIn(sql);
      try {
        copy.writeToCopy(buf, 0, len);
        return copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    } catch (SQLException e) {
      throw new JdbcBatch.UncheckedSqlException(e);
    }
  }

  private void int2(int v) {
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void int4(int v) {
    ensure(4);
    byte[] b = buf;
    int p = len;
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
    len = p + 4;
  }

  private void int8(long v) {
    int4((int) (v >>> 32));
    int4((int) v);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  private static boolean driverPresent() {
    try {
      Class.forName("org.postgresql.PGConnection", false, PostgresCopy.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
