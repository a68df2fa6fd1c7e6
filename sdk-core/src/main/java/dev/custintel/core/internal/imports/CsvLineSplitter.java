package dev.custintel.core.internal.imports;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits one CSV line into fields. Not API: public only so that the other Custintel modules (the basket readers
 * of {@code dev.custintel.analytics.affinity}) share this splitter instead of keeping their own.
 *
 * <p>A field that starts with {@code "} is quoted: it runs to the next lone {@code "}, may contain the delimiter,
 * and {@code ""} inside it stands for one {@code "}. Text between a closing quote and the next delimiter is kept.
 * A {@code "} inside an unquoted field is an ordinary character. Fields are returned as written (not stripped).
 * Quoted fields cannot span lines.
 */
public final class CsvLineSplitter {
  private static final char QUOTE = '"';

  private CsvLineSplitter() {}

  /**
   * @param line one line, without its terminator
   * @param delimiter the field separator, such as {@code ','} or {@code ';'}
   * @return the fields (an empty line is one empty field), or null if a quoted field is not closed
   */
  public static @Nullable List<String> split(String line, char delimiter) {
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
