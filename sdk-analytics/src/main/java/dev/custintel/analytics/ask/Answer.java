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
  public boolean isUnderstood() {
    return query != null;
  }
}
