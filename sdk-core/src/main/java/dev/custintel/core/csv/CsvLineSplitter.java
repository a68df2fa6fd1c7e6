package dev.custintel.core.csv;

import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Splits one line of a delimited text file (comma- or semicolon-separated, RFC 4180 quoting within a line) into
 * fields. The core's CSV import and the analytics basket readers share it, so every Custintel reader accepts the
 * same dialect.
 *
 * <p>A field that starts with {@code "} is quoted: it runs to the next lone {@code "}, may contain the delimiter,
 * and {@code ""} inside it stands for one {@code "}. Text between a closing quote and the next delimiter is kept.
 * A {@code "} inside an unquoted field is an ordinary character. Fields are returned as written (not stripped).
 * Quoted fields cannot span lines: the caller passes one physical line, as {@link LineReader} returns it.
 *
 * <p>Stateless and thread-safe.
 */
public final class CsvLineSplitter {
  private static final char QUOTE = '"';

  private CsvLineSplitter() {}

  /**
   * @param line one line, without its terminator
   * @param delimiter the field separator, such as {@code ','} or {@code ';'}
   * @return the fields as a new modifiable list (an empty line is one empty field), or null if a quoted field is
   *     not closed
   * @throws NullPointerException if {@code line} is null
   * @throws InvalidInputException on field {@code delimiter} if it is {@code "}, CR or LF, which cannot separate
   *     fields of one line
   */
  public static @Nullable List<String> split(String line, char delimiter) {
    Objects.requireNonNull(line, "line");
    if (delimiter == QUOTE || delimiter == '\n' || delimiter == '\r') {
      throw InvalidInputException.argument(
          "delimiter", "must not be a quote or a line break (was U+" + String.format("%04X", (int) delimiter) + ")");
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int length = line.length();
    int i = 0;
    while (true) {
      field.setLength(0);
      if (i < length && line.charAt(i) == QUOTE) {
        i++;
        boolean closed = false;
        while (i < length) {
          char c = line.charAt(i);
          if (c != QUOTE) {
            field.append(c);
            i++;
          } else if (i + 1 < length && line.charAt(i + 1) == QUOTE) {
            field.append(QUOTE);
            i += 2;
          } else {
            i++;
            closed = true;
            break;
          }
        }
        if (!closed) {
          return null;
        }
      }
      while (i < length && line.charAt(i) != delimiter) {
        field.append(line.charAt(i));
        i++;
      }
      fields.add(field.toString());
      if (i >= length) {
        return fields;
      }
      i++;
    }
  }
}
