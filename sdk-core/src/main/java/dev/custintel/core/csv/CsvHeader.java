package dev.custintel.core.csv;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The header line of a delimited text file: the column names as written and their 0-based positions, looked up
 * case-insensitively ({@link Locale#ROOT}) so that {@code InvoiceNo} and {@code invoiceno} are the same column.
 * Exceptions about the file name it by the record name given to {@link #parse}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CsvHeader {
  private final String recordName;
  private final List<String> names;
  private final Map<String, Integer> positions;

  private CsvHeader(String recordName, List<String> names, Map<String, Integer> positions) {
    this.recordName = recordName;
    this.names = names;
    this.positions = positions;
  }

  /**
   * @param line the header line, without its terminator; split by {@link CsvLineSplitter}, names stripped
   * @param delimiter the field separator
   * @param recordName the file, as exceptions name it, such as {@link LineReader#recordName()}
   * @return the header; blank names (such as an unnamed index column) are kept as positions but cannot be looked
   *     up
   * @throws NullPointerException if {@code line} or {@code recordName} is null
   * @throws InvalidInputException on field {@code "file"} if the line has an unterminated quote, on a column name
   *     that appears twice, or on field {@code delimiter} as {@link CsvLineSplitter#split} throws it
   */
  public static CsvHeader parse(String line, char delimiter, String recordName) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(recordName, "recordName");
    List<String> fields = CsvLineSplitter.split(line, delimiter);
    if (fields == null) {
      throw new InvalidInputException(recordName, "file", "has an unterminated quote in its header line");
    }
    List<String> names = new ArrayList<>(fields.size());
    Map<String, Integer> positions = new HashMap<>();
    for (String field : fields) {
      String name = field.strip();
      if (!name.isEmpty() && positions.putIfAbsent(key(name), names.size()) != null) {
        throw new InvalidInputException(recordName, name, "appears more than once in the header");
      }
      names.add(name);
    }
    return new CsvHeader(recordName, List.copyOf(names), Map.copyOf(positions));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** @return the number of columns, blank ones included; 1 or more */
  public int size() {
    return names.size();
  }

  /**
   * @param position a 0-based column position
   * @return the column's name as the header writes it (stripped; empty for an unnamed column)
   * @throws InvalidInputException on field {@code position} if it is negative or not less than {@link #size()}
   */
  public String name(int position) {
    if (position < 0 || position >= names.size()) {
      throw InvalidInputException.argument(
          "position", "must be between 0 and " + (names.size() - 1) + " (was " + position + ")");
    }
    return names.get(position);
  }

  /**
   * @param name a column name, any case
   * @return its 0-based position, or -1 if the header does not have it
   * @throws NullPointerException if {@code name} is null
   */
  public int find(String name) {
    Objects.requireNonNull(name, "name");
    return positions.getOrDefault(key(name), -1);
  }

  /**
   * @param name a column name, any case
   * @return its 0-based position
   * @throws NullPointerException if {@code name} is null
   * @throws InvalidInputException on field {@code name} (the column), with the file as record, if the header
   *     does not have it
   */
  public int require(String name) {
    int position = find(name);
    if (position < 0) {
      throw new InvalidInputException(
          recordName, name, "is missing from the header (found " + Checks.quote(String.join(",", names)) + ")");
    }
    return position;
  }
}
