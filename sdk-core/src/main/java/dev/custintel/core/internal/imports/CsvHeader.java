package dev.custintel.core.internal.imports;

import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header line of a CSV file: column names as written and their positions, looked up case-insensitively. Not
 * API: public only so that the other Custintel modules share it (see {@link CsvLineSplitter}).
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
   * @param line the header line
   * @param delimiter the field separator
   * @param recordName the file, for exceptions
   * @return the header; blank names (such as an unnamed index column) are kept as positions but cannot be looked
   *     up
   * @throws InvalidInputException on field {@code "file"} if the line has an unterminated quote, or on a column
   *     name that appears twice
   */
  public static CsvHeader parse(String line, char delimiter, String recordName) {
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
    return new CsvHeader(recordName, List.copyOf(names), positions);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** @return the number of columns */
  public int size() {
    return names.size();
  }

  /**
   * @param position a column position
   * @return the column's name as the header writes it
   */
  public String name(int position) {
    return names.get(position);
  }

  /**
   * @param name a column name, any case
   * @return its position, or -1 if the header does not have it
   */
  public int find(String name) {
    return positions.getOrDefault(key(name), -1);
  }

  /**
   * @param name a column name, any case
   * @return its position
   * @throws InvalidInputException on field {@code name} if the header does not have it
   */
  public int require(String name) {
    int position = find(name);
    if (position < 0) {
      throw new InvalidInputException(
          recordName, name, "is missing from the header (found " + Cells.quote(String.join(",", names)) + ")");
    }
    return position;
  }
}
