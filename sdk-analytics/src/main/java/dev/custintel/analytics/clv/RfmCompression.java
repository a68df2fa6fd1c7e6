package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.internal.SummaryKey;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Merges identical {@code (x, t_x, T)} summaries, summing their weights, so that a fit's cost grows with distinct
 * summaries rather than customers. First-seen order, so fits are deterministic.
 */
final class RfmCompression {
  private RfmCompression() {}

  static List<RfmSummary> compress(@Nullable List<RfmSummary> summaries) {
    if (summaries == null || summaries.isEmpty()) {
      throw InvalidInputException.argument("summaries", "must not be null or empty");
    }
    Map<SummaryKey, Long> merged = new LinkedHashMap<>(Math.max(16, summaries.size() / 2));
    for (int i = 0; i < summaries.size(); i++) {
      @Nullable RfmSummary s = summaries.get(i);
      if (s == null) {
        throw InvalidInputException.argument("summaries[" + i + "]", "must not be null");
      }
      merged.merge(new SummaryKey(s.frequency(), s.recency(), s.age()), (long) s.weight(), Long::sum);
    }
    List<RfmSummary> out = new ArrayList<>(merged.size());
    for (Map.Entry<SummaryKey, Long> e : merged.entrySet()) {
      long weight = e.getValue();
      // A weight beyond int range would only arise from > 2^31 identical customers; split it to stay exact.
      while (weight > 0) {
        int part = (int) Math.min(weight, Integer.MAX_VALUE);
        out.add(new RfmSummary(e.getKey().x(), e.getKey().first(), e.getKey().second(), part));
        weight -= part;
      }
    }
    return out;
  }
}
