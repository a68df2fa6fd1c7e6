package dev.custintel.analytics.ask;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a question.
 *
 * @param understood the typed query shown back in words ("top 10 customers by spend in December 2026"), so that the
 *     asker can see and correct it; null when the question was not understood
 * @param query the typed query; null when the question was not understood
 * @param rows the rows, each a map from column to a value (a string, a number or a boolean, or null); rows about
 *     customers carry {@code customerId}; empty when there are none or the question was not understood
 * @param answer one sentence that answers, with its numbers; or, for a question not understood, what can be asked
 * @param suggestions for a question not understood, questions that can be answered, the closest first; otherwise
 *     empty
 * @param translatedBy {@code parser} or {@code translator}: which one understood the question; null when neither
 */
public record Answer(
    @Nullable String understood,
    @Nullable AskQuery query,
    List<Map<String, @Nullable Object>> rows,
    String answer,
    List<String> suggestions,
    @Nullable String translatedBy) {

  /** Copies the rows (keeping each row's column order) and the suggestions. */
  public Answer {
    Objects.requireNonNull(answer, "answer");
    List<Map<String, @Nullable Object>> copy = new ArrayList<>(rows.size());
    for (Map<String, @Nullable Object> row : rows) {
      copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
    suggestions = List.copyOf(suggestions);
  }

  /** @return whether the question was understood */
  public boolean wasUnderstood() {
    return query != null;
  }

  /**
   * The rows as a fixed-width text table, for a chat message or a terminal: the first six columns of the first row,
   * values cut to 24 characters, and a last line that counts the rows left out.
   *
   * @param maxRows the most rows shown, at least 1
   * @return the table, lines separated by {@code \n}; empty when there are no rows
   */
  public String textTable(int maxRows) {
    if (rows.isEmpty()) {
      return "";
    }
    List<String> columns = new ArrayList<>(rows.get(0).keySet());
    if (columns.size() > 6) {
      columns = columns.subList(0, 6);
    }
    int shown = Math.min(Math.max(maxRows, 1), rows.size());
    String[][] cells = new String[shown + 1][columns.size()];
    int[] width = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      cells[0][c] = cut(columns.get(c));
      for (int r = 0; r < shown; r++) {
        Object v = rows.get(r).get(columns.get(c));
        cells[r + 1][c] = cut(v == null ? "" : v instanceof java.math.BigDecimal b ? b.toPlainString() : v.toString());
      }
      for (String[] row : cells) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == 0 ? "" : "  ").append(row[c]).append(" ".repeat(width[c] - row[c].length()));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    if (rows.size() > shown) {
      out.append("(").append(rows.size() - shown).append(" more)\n");
    }
    return out.toString();
  }

  private static String cut(String text) {
    return text.length() <= 24 ? text : text.substring(0, 23) + "…";
  }
}
