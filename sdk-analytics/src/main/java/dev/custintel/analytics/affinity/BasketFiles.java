package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The byte-level readers behind {@link Baskets#readFimi} and {@link Baskets#readBasketCsv}. They give exactly what
 * the former line-and-regex readers gave (a {@link java.io.BufferedReader} over UTF-8, {@code trim().split("\\s+")}
 * and {@code Integer.parseInt} per FIMI token, {@code split(",")} and {@code trim()} per CSV name), without a
 * {@code String} per line or token and without boxing:
 *
 * <ul>
 *   <li>Lines end at {@code \n}, {@code \r} or {@code \r\n}, as for {@code BufferedReader.readLine}; the last line
 *       needs no terminator.
 *   <li>A line of printable ASCII and the separators space, tab, vertical tab and form feed is parsed in place. Any
 *       other line (non-ASCII bytes, such as a byte-order mark, or other control characters) is decoded and parsed
 *       as before, so that its rarer rules (Unicode digits for {@code parseInt}, {@code trim()} of control
 *       characters) hold. Malformed UTF-8 is reported as before, as a file that cannot be read, when its line is
 *       reached.
 *   <li>FIMI item ids map to dense ids through an {@code int[]} indexed by the id (ids below {@link #DIRECT_IDS}) and
 *       an open-addressing {@code int} map above; a CSV name is looked up by its bytes, and a {@code String} is made
 *       only for a name not seen before.
 * </ul>
 *
 * <p>One difference is left: the old reader decoded the file ahead in blocks of 8,192 characters, so malformed UTF-8
 * a few lines after a malformed token could be reported instead of the token. Now the first problem in file order is
 * reported.
 */
final class BasketFiles {
  /** The read buffer's initial size; a longer line grows it. */
  static final int BUFFER_SIZE = 1 << 16;

  /** FIMI ids below this map through a direct table (at most 4 bytes each), the others through a hash map. */
  static final int DIRECT_IDS = 1 << 21;

  /** A line has a byte at or above 0x80. */
  private static final int NON_ASCII = 1;

  /** A line has a control character other than tab, vertical tab and form feed. */
  private static final int CONTROL = 2;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private BasketFiles() {}

  /** Receives each line as a range of a buffer, without its terminator. */
  private interface LineSink {
    /**
     * @param buf the buffer
     * @param from the line's first byte
     * @param to the end of the line (exclusive)
     * @param flags {@link #NON_ASCII} and {@link #CONTROL} if the line has such bytes
     * @param lineNumber the 1-based line number
     * @throws CharacterCodingException if the line is not UTF-8 (reported as an unreadable file)
     */
    void line(byte[] buf, int from, int to, int flags, int lineNumber) throws CharacterCodingException;
  }

  static Baskets readFimi(Path file, int bufferSize) {
    FimiParser parser = new FimiParser();
    lines(file, bufferSize, parser);
    return parser.baskets.build(parser.names());
  }

  static Baskets readBasketCsv(Path file, int bufferSize) {
    CsvParser parser = new CsvParser();
    lines(file, bufferSize, parser);
    return parser.baskets.build(parser.names.names());
  }

  /**
   * Reads the file's lines into the sink.
   *
   * @throws InvalidInputException if the file cannot be read, is not UTF-8, or has no line
   */
  private static void lines(Path file, int bufferSize, LineSink sink) {
    int lineNumber = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[bufferSize];
      int start = 0; // the current line's first byte
      int scan = 0; // bytes [start, scan) hold no terminator
      int limit = 0; // bytes [limit, ...) are not read yet
      int flags = 0; // of bytes [start, scan)
      boolean skipLf = false; // the last line ended with '\r': a '\n' right after it belongs to it
      boolean eof = false;
      while (true) {
        int end = scan;
        while (end < limit) {
          byte b = buf[end];
          if (b <= ' ') { // also every byte >= 0x80 (negative)
            if (b == '\n' || b == '\r') {
              break;
            }
            if (b < 0) {
              flags |= NON_ASCII;
            } else if (b != ' ' && b != '\t' && b != 0x0B && b != '\f') {
              flags |= CONTROL;
            }
          }
          end++;
        }
        if (end < limit) {
          sink.line(buf, start, end, flags, ++lineNumber);
          skipLf = buf[end] == '\r';
          start = end + 1;
          if (skipLf && start < limit) {
            if (buf[start] == '\n') {
              start++;
            }
            skipLf = false;
          }
          scan = start;
          flags = 0;
          continue;
        }
        scan = limit;
        if (eof) {
          if (start < limit) {
            sink.line(buf, start, limit, flags, ++lineNumber);
          }
          break;
        }
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, limit - start);
          limit -= start;
          scan -= start;
          start = 0;
        } else if (limit == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
          eof = true;
        } else {
          limit += n;
          if (skipLf && start < limit) {
            if (buf[start] == '\n') {
              start++;
              scan = start;
            }
            skipLf = false;
          }
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          null, "file", "'" + file + "' cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    if (lineNumber == 0) {
      throw InvalidInputException.argument("file", "'" + file + "' is empty");
    }
  }

  /** Decodes strict UTF-8, as the former reader's decoder did. */
  private static String decode(byte[] buf, int from, int to) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(buf, from, to - from))
        .toString();
  }

  private static InvalidInputException notAnInteger(int lineNumber, String token) {
    return new InvalidInputException("line " + lineNumber, "item", "must be an integer (was '" + token + "')");
  }

  private static InvalidInputException negative(int lineNumber, int id) {
    return new InvalidInputException("line " + lineNumber, "item", "must be non-negative (was " + id + ")");
  }

  /** FIMI lines: whitespace-separated non-negative int item ids. */
  private static final class FimiParser implements LineSink {
    final BasketArrays baskets = new BasketArrays();
    private int[] direct = new int[1024]; // raw id -> dense id + 1, 0 if not seen
    private final IntIntMap large = new IntIntMap();
    private int[] raw = new int[1024]; // dense id -> raw id
    private int itemCount;

    @Override
    public void line(byte[] buf, int from, int to, int flags, int lineNumber) throws CharacterCodingException {
      if (flags != 0) {
        decodedLine(decode(buf, from, to), lineNumber);
        return;
      }
      int i = from;
      while (true) {
        while (i < to && isSeparator(buf[i])) {
          i++;
        }
        if (i == to) {
          break;
        }
        int tokenStart = i;
        boolean minus = false;
        if (buf[i] == '-' || buf[i] == '+') {
          minus = buf[i] == '-';
          i++;
        }
        long value = 0; // the magnitude, at most 2^31 while parsing
        boolean valid = i < to && !isSeparator(buf[i]);
        while (i < to && !isSeparator(buf[i])) {
          int digit = buf[i] - '0';
          if (digit < 0 || digit > 9) {
            valid = false;
          } else if (valid) {
            value = value * 10 + digit;
            if (value > 1L << 31) {
              valid = false;
            }
          }
          i++;
        }
        if (!valid || (!minus && value > Integer.MAX_VALUE)) {
          throw notAnInteger(lineNumber, new String(buf, tokenStart, i - tokenStart, StandardCharsets.ISO_8859_1));
        }
        if (minus && value != 0) {
          throw negative(lineNumber, (int) -value);
        }
        baskets.add(dense((int) value));
      }
      baskets.endBasket();
    }

    private static boolean isSeparator(byte b) {
      return b == ' ' || b == '\t' || b == 0x0B || b == '\f';
    }

    /** The former rules, for a line with non-ASCII bytes or control characters. */
    private void decodedLine(String line, int lineNumber) {
      for (String token : WHITESPACE.split(line.trim())) {
        if (token.isEmpty()) {
          continue;
        }
        int id;
        try {
          id = Integer.parseInt(token);
        } catch (NumberFormatException e) {
          throw notAnInteger(lineNumber, token);
        }
        if (id < 0) {
          throw negative(lineNumber, id);
        }
        baskets.add(dense(id));
      }
      baskets.endBasket();
    }

    private int dense(int id) {
      if (id < DIRECT_IDS) {
        if (id >= direct.length) {
          direct = Arrays.copyOf(direct, Math.min(DIRECT_IDS, Math.max(id + 1, direct.length * 2)));
        }
        int d = direct[id] - 1;
        if (d < 0) {
          d = newItem(id);
          direct[id] = d + 1;
        }
        return d;
      }
      int d = large.get(id);
      if (d < 0) {
        d = newItem(id);
        large.put(id, d);
      }
      return d;
    }

    private int newItem(int id) {
      if (itemCount == raw.length) {
        raw = Arrays.copyOf(raw, raw.length * 2);
      }
      raw[itemCount] = id;
      return itemCount++;
    }

    String[] names() {
      String[] names = new String[itemCount];
      for (int d = 0; d < itemCount; d++) {
        names[d] = Integer.toString(raw[d]);
      }
      return names;
    }
  }

  /** Basket CSV lines: comma-separated names, trimmed, empty ones ignored. */
  private static final class CsvParser implements LineSink {
    final BasketArrays baskets = new BasketArrays();
    final ByteNames names = new ByteNames();

    @Override
    public void line(byte[] buf, int from, int to, int flags, int lineNumber) throws CharacterCodingException {
      if ((flags & NON_ASCII) != 0) {
        decode(buf, from, to); // only to report malformed UTF-8 as before; names are looked up by their bytes
      }
      int partStart = from;
      for (int i = from; i <= to; i++) {
        if (i < to && buf[i] != ',') {
          continue;
        }
        int s = partStart;
        int e = i;
        partStart = i + 1;
        // trim(): bytes up to ' ' are characters up to ' ' in UTF-8 (never part of a multi-byte sequence).
        while (s < e && (buf[s] & 0xFF) <= ' ') {
          s++;
        }
        while (e > s && (buf[e - 1] & 0xFF) <= ' ') {
          e--;
        }
        if (s == e) {
          continue;
        }
        int id = names.get(buf, s, e);
        if (id < 0) {
          String name = (flags & NON_ASCII) == 0
              ? new String(buf, s, e - s, StandardCharsets.ISO_8859_1)
              : new String(buf, s, e - s, StandardCharsets.UTF_8);
          if (name.isBlank()) {
            throw new InvalidInputException("basket " + (lineNumber - 1), "item", "must be a non-blank name");
          }
          id = names.add(buf, s, e, name);
        }
        baskets.add(id);
      }
      baskets.endBasket();
    }
  }

  /** Baskets as they are read: dense ids, each basket sorted without duplicates, as {@link Baskets.Builder}. */
  private static final class BasketArrays {
    private int[] items = new int[1 << 14];
    private int[] offsets = new int[1 << 10];
    private int itemLength;
    private int basketCount;
    private int[] current = new int[64];
    private int currentLength;

    void add(int item) {
      if (currentLength == current.length) {
        current = Arrays.copyOf(current, current.length * 2);
      }
      current[currentLength++] = item;
    }

    void endBasket() {
      int n = currentLength;
      currentLength = 0;
      if (n > 1) {
        Arrays.sort(current, 0, n);
      }
      if (items.length < itemLength + n) {
        items = Arrays.copyOf(items, Math.max(itemLength + n, items.length * 2));
      }
      for (int i = 0; i < n; i++) {
        if (i == 0 || current[i] != current[i - 1]) {
          items[itemLength++] = current[i];
        }
      }
      basketCount++;
      if (offsets.length <= basketCount) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[basketCount] = itemLength;
    }

    Baskets build(String[] names) {
      return Baskets.of(names, Arrays.copyOf(items, itemLength), Arrays.copyOf(offsets, basketCount + 1));
    }
  }

  /** An open-addressing map from non-negative {@code int} keys to {@code int} values; no boxing. */
  private static final class IntIntMap {
    private int[] keys = filled(16);
    private int[] values = new int[16];
    private int size;

    private static int[] filled(int n) {
      int[] a = new int[n];
      Arrays.fill(a, -1);
      return a;
    }

    private static int slot(int key, int mask) {
      return (key * 0x9E3779B9 >>> 7) & mask;
    }

    /** @return the value, or −1 */
    int get(int key) {
      int mask = keys.length - 1;
      for (int i = slot(key, mask); ; i = (i + 1) & mask) {
        if (keys[i] == key) {
          return values[i];
        }
        if (keys[i] < 0) {
          return -1;
        }
      }
    }

    /** Adds a key that is not in the map. */
    void put(int key, int value) {
      if (2 * (size + 1) > keys.length) {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = filled(oldKeys.length * 2);
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
          if (oldKeys[i] >= 0) {
            insert(oldKeys[i], oldValues[i]);
          }
        }
      }
      insert(key, value);
      size++;
    }

    private void insert(int key, int value) {
      int mask = keys.length - 1;
      int i = slot(key, mask);
      while (keys[i] >= 0) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      values[i] = value;
    }
  }

  /** Item names by their UTF-8 bytes, dense ids in order of addition; open addressing over a byte pool. */
  private static final class ByteNames {
    private byte[] pool = new byte[1 << 12];
    private int poolLength;
    private int[] starts = new int[64];
    private int[] hashes = new int[64];
    private String[] names = new String[64];
    private int count;
    private int[] table = new int[128]; // id + 1, 0 if empty

    private static int hash(byte[] buf, int from, int to) {
      int h = 1;
      for (int i = from; i < to; i++) {
        h = 31 * h + buf[i];
      }
      return h ^ (h >>> 16);
    }

    /** @return the name's id, or −1 */
    int get(byte[] buf, int from, int to) {
      int h = hash(buf, from, to);
      int mask = table.length - 1;
      for (int i = h & mask; ; i = (i + 1) & mask) {
        int id = table[i] - 1;
        if (id < 0) {
          return -1;
        }
        if (hashes[id] == h && Arrays.equals(pool, starts[id], starts[id + 1], buf, from, to)) {
          return id;
        }
      }
    }

    /** Adds a name that is not there and returns its id. */
    int add(byte[] buf, int from, int to, String name) {
      int length = to - from;
      if (poolLength + length > pool.length) {
        pool = Arrays.copyOf(pool, Math.max(poolLength + length, pool.length * 2));
      }
      System.arraycopy(buf, from, pool, poolLength, length);
      if (count + 2 > starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
        names = Arrays.copyOf(names, names.length * 2);
      }
      int id = count++;
      starts[id] = poolLength;
      poolLength += length;
      starts[id + 1] = poolLength;
      hashes[id] = hash(buf, from, to);
      names[id] = name;
      if (2 * count > table.length) {
        table = new int[table.length * 2];
        for (int other = 0; other < count; other++) {
          insert(other);
        }
      } else {
        insert(id);
      }
      return id;
    }

    private void insert(int id) {
      int mask = table.length - 1;
      int i = hashes[id] & mask;
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = id + 1;
    }

    String[] names() {
      return Arrays.copyOf(names, count);
    }
  }
}
