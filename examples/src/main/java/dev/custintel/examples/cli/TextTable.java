package dev.custintel.examples.cli;

import org.jspecify.annotations.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plain-text tables with aligned columns, and number formats with thousands separators (always en-US). */
final class TextTable {
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();
  private String @Nullable [] header;

  /**
   * @param alignment one character per column: {@code L} left or {@code R} right aligned
   */
  TextTable(String alignment) {
    rightAligned = new boolean[alignment.length()];
    for (int i = 0; i < alignment.length(); i++) {
      rightAligned[i] = alignment.charAt(i) == 'R';
    }
  }

  TextTable header(String... cells) {
    header = cells.clone();
    return this;
  }

  TextTable row(String... cells) {
    rows.add(cells.clone());
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /**
   * @param indent spaces before each line
   * @return the lines, columns two spaces apart, no trailing spaces
   */
  List<String> lines(int indent) {
    int[] widths = new int[rightAligned.length];
    List<String[]> all = new ArrayList<>();
    if (header != null) {
      all.add(header);
    }
    all.addAll(rows);
    for (String[] row : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], cell(row, i).length());
      }
    }
    List<String> out = new ArrayList<>();
    String pad = " ".repeat(indent);
    for (String[] row : all) {
      StringBuilder line = new StringBuilder(pad);
      for (int i = 0; i < widths.length; i++) {
        if (i > 0) {
          line.append("  ");
        }
        String c = cell(row, i);
        String fill = " ".repeat(widths[i] - c.length());
        line.append(rightAligned[i] ? fill + c : c + fill);
      }
      out.add(stripTrailing(line.toString()));
    }
    return out;
  }

  private static String cell(String[] row, int i) {
    return i < row.length && row[i] != null ? row[i] : "";
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  /** @return such as {@code 12,345} */
  static String count(long value) {
    return String.format(Locale.US, "%,d", value);
  }

  /** @return such as {@code 1,234.50}: two decimals, half-even */
  static String money(BigDecimal value) {
    return String.format(Locale.US, "%,.2f", value.setScale(2, RoundingMode.HALF_EVEN));
  }

  /** @return the text, cut to {@code max} characters with {@code ...} when longer */
  static String cut(@Nullable String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)).stripTrailing() + "...";
  }
}
