package dev.custintel.examples.cli;

import dev.custintel.analytics.clv.summary.Transaction;
import dev.custintel.core.imports.FileOrders;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The purchases of a CDNOW file whose every line is plain, read straight from its bytes; any other file is left to
 * {@link FileOrders#read} ({@link #read} returns null). What {@code clv fit} and {@code clv score} read first.
 *
 * <p>A cold {@code clv fit} on the CDNOW sample spent more than a quarter of its time reading the file through the
 * importer's parser, which builds an order, its line, its money and its id for every row and keeps a counter per
 * customer and day (issue 17); a file of plain rows needs none of it. Plain means: a regular file; every line (ended
 * by LF, CRLF or CR) printable ASCII with columns separated by spaces and tabs, or blank; the first non-blank line a
 * row of 4 or 5 columns, or the master file's header ({@code customer_id date number_of_cds dollar_value}, any
 * case) before rows of 4, and every row as many; in each row a customer id of 1 to 32 ASCII digits, a
 * date of 8 digits that is a real date in the years 1 to 9999, a number of CDs of 1 to 9 digits above 0, a dollar
 * value of 1 to 12 digits with, after a point, 1 to 4 more. Such a row is never rejected by the importer, its order
 * id ({@code CDNOW-<customer>-<date>-<n>}) is never a repeat, its purchase is in USD at midnight UTC of its date (the
 * format's default zone), and its amount is the dollar value at scale 4. So the purchases, in file order, and the
 * report's counts are the ones {@link FileOrders#read} gives; {@code PlainCdnowTest} compares the two on the bundled
 * files, shuffled, and on thousands of altered ones. Everything else (another header, another separator, a sign, an
 * exponent, a fifth decimal, a non-ASCII byte, a pipe) makes the whole file go the importer's way, whose rejections
 * and messages are the import's. Not thread-safe.
 */
final class PlainCdnow {
  /** Longer lines are not a CDNOW row (the longest has about 40 bytes). */
  private static final int BUFFER = 64 * 1024;
  private static final int MAX_ID_DIGITS = 32;
  private static final int MAX_CD_DIGITS = 9;
  private static final int MAX_DOLLAR_DIGITS = 12;
  private static final int SCALE = 4;
  private static final String[] HEADER = {"customer_id", "date", "number_of_cds", "dollar_value"};
  private static final long[] POWERS = {1, 10, 100, 1_000, 10_000};

  private final List<Transaction> purchases = new ArrayList<>();
  /** Columns of a row (4 or 5), set by the first row. */
  private int columns;
  private final int[] starts = new int[6];
  private final int[] ends = new int[6];
  /** The previous row's customer id, and its bytes: a customer's rows usually follow each other. */
  private @Nullable String previousId;
  private byte[] previousIdBytes = new byte[0];
  /** The previous row's date, as {@code yyyyMMdd}, and its value. */
  private int previousDateDigits = -1;
  private @Nullable LocalDate previousDate;

  private PlainCdnow() {}

  /**
   * @param file the file named by {@code --transactions}
   * @return its purchases in file order, or null if it is not a plain CDNOW file (or cannot be read here): then
   *     {@link FileOrders#read} reads it
   */
  static @Nullable List<Transaction> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null; // a pipe can be read once: the importer spools it
    }
    PlainCdnow rows = new PlainCdnow();
    try (InputStream in = Files.newInputStream(file)) {
      return rows.readAll(in) && !rows.purchases.isEmpty() ? rows.purchases : null;
    } catch (IOException e) {
      return null; // the importer reports it
    }
  }

  /** @return whether every line was plain */
  private boolean readAll(InputStream in) throws IOException {
    byte[] b = new byte[BUFFER];
    int filled = 0;
    while (true) {
      int n = in.read(b, filled, b.length - filled);
      if (n < 0) {
        return filled == 0 || line(b, 0, filled);
      }
      filled += n;
      int from = 0;
      for (int i = 0; i < filled; i++) {
        byte c = b[i];
        if (c == '\n' || c == '\r') {
          if (!line(b, from, i)) {
            return false;
          }
          from = i + 1;
        }
      }
      if (from == 0 && filled == b.length) {
        return false; // a line of 64 KB
      }
      System.arraycopy(b, from, b, 0, filled - from);
      filled -= from;
    }
  }

  /**
   * Reads the line {@code b[from, to)}: a row or blank.
   *
   * @return whether it was plain
   */
  private boolean line(byte[] b, int from, int to) {
    int count = 0;
    int i = from;
    while (true) {
      while (i < to && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i == to) {
        break;
      }
      if (count == starts.length) {
        return false;
      }
      starts[count] = i;
      while (i < to && b[i] != ' ' && b[i] != '\t') {
        if (b[i] < 0x21 || b[i] > 0x7E) {
          return false;
        }
        i++;
      }
      ends[count++] = i;
    }
    if (count == 0) {
      return true; // blank
    }
    if (columns == 0) {
      if (b[starts[0]] < '0' || b[starts[0]] > '9') {
        return header(b, count);
      }
      if (count != 4 && count != 5) {
        return false;
      }
      columns = count;
    } else if (count != columns) {
      return false;
    }
    return row(b);
  }

  /** @return whether the first line is the master file's header (any case), which makes rows of 4 columns */
  private boolean header(byte[] b, int count) {
    if (count != HEADER.length) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      String token = new String(b, starts[i], ends[i] - starts[i], StandardCharsets.US_ASCII);
      if (!token.equalsIgnoreCase(HEADER[i])) {
        return false;
      }
    }
    columns = HEADER.length;
    return true;
  }

  private boolean row(byte[] b) {
    int date = columns - 3;
    String id = id(b, starts[0], ends[0]);
    LocalDate day = date(b, starts[date], ends[date]);
    long cds = digits(b, starts[date + 1], ends[date + 1], MAX_CD_DIGITS);
    long dollars = dollars(b, starts[date + 2], ends[date + 2]);
    if (id == null || day == null || cds <= 0 || dollars < 0) {
      return false;
    }
    purchases.add(new Transaction(id, day, BigDecimal.valueOf(dollars, SCALE)));
    return true;
  }

  private @Nullable String id(byte[] b, int from, int to) {
    if (to - from > MAX_ID_DIGITS) {
      return null;
    }
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return null;
      }
    }
    if (previousId != null && Arrays.equals(previousIdBytes, 0, previousIdBytes.length, b, from, to)) {
      return previousId;
    }
    previousIdBytes = Arrays.copyOfRange(b, from, to);
    previousId = new String(previousIdBytes, StandardCharsets.US_ASCII);
    return previousId;
  }

  /** @return the date of 8 digits {@code yyyyMMdd} in the years 1 to 9999, or null */
  private @Nullable LocalDate date(byte[] b, int from, int to) {
    if (to - from != 8) {
      return null;
    }
    long digits = digits(b, from, to, 8);
    if (digits < 0) {
      return null;
    }
    if (digits != previousDateDigits) {
      int year = (int) (digits / 10_000);
      if (year < 1) {
        return null;
      }
      try {
        previousDate = LocalDate.of(year, (int) (digits / 100 % 100), (int) (digits % 100));
      } catch (DateTimeException e) {
        return null;
      }
      previousDateDigits = (int) digits;
    }
    return previousDate;
  }

  /** @return the number {@code d{1,12}(.d{1,4})?} writes, times 10^4, or -1 */
  private static long dollars(byte[] b, int from, int to) {
    int point = from;
    while (point < to && b[point] != '.') {
      point++;
    }
    long whole = digits(b, from, point, MAX_DOLLAR_DIGITS);
    if (whole < 0) {
      return -1;
    }
    if (point == to) {
      return whole * POWERS[SCALE];
    }
    int decimals = to - point - 1;
    long fraction = decimals > SCALE ? -1 : digits(b, point + 1, to, SCALE);
    return fraction < 0 ? -1 : whole * POWERS[SCALE] + fraction * POWERS[SCALE - decimals];
  }

  /** @return the number the ASCII digits {@code b[from, to)} write; -1 if none, more than max, or not a digit */
  private static long digits(byte[] b, int from, int to, int max) {
    if (to <= from || to - from > max) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
