package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.SummaryTable;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Merges identical {@code (x, t_x, T)} summaries, summing their weights, so that a fit's cost grows with distinct
 * summaries rather than customers. First-seen order, so fits are deterministic.
 */
final class RfmCompression {
  private RfmCompression() {}

  static List<RfmSummary> compress(List<RfmSummary> summaries) {
    Objects.requireNonNull(summaries, "summaries");
    if (summaries.isEmpty()) {
      throw InvalidInputException.argument("summaries", "must not be empty");
    }
    SummaryTable merged = new SummaryTable(summaries.size());
    for (int i = 0; i < summaries.size(); i++) {
      @Nullable RfmSummary s = summaries.get(i);
      if (s == null) {
        throw InvalidInputException.argument("summaries[" + i + "]", "must not be null");
      }
      merged.add(s.frequency(), s.recency(), s.age(), s.weight());
    }
    List<RfmSummary> out = new ArrayList<>(merged.size());
    for (int g = 0; g < merged.size(); g++) {
      long weight = merged.count(g);
      // A weight beyond int range would only arise from > 2^31 identical customers; split it to stay exact.
      while (weight > 0) {
        int part = (int) Math.min(weight, Integer.MAX_VALUE);
        out.add(new RfmSummary(merged.x(g), merged.first(g), merged.second(g), part));
        weight -= part;
      }
    }
    return out;
  }
}
