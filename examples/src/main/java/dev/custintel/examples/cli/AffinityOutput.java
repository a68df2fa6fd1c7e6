package dev.custintel.examples.cli;

import dev.custintel.analytics.affinity.AssociationRule;
import dev.custintel.analytics.affinity.AssociationRules;
import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FrequentItemsets;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The output of {@code affinity mine}: the JSON summary and the CSV of rules. Both are contracts other tools rely
 * on; {@link AffinityMineCommand}'s help describes them.
 */
final class AffinityOutput {
  /** The CSV header. */
  static final String CSV_HEADER = "antecedent,consequent,support,confidence,lift,leverage,conviction";
  /** Between the items of one side of a rule in the CSV. */
  static final String ITEM_SEPARATOR = " | ";
  /** How a confidence-1 rule's infinite conviction is written in the CSV. */
  static final String INFINITY = "inf";
  /** The most rules {@code topRules} lists. */
  static final int TOP_RULES = 20;

  /** Characters of CSV written at a time. */
  private static final int CHUNK = 1 << 16;

  private AffinityOutput() {}

  /**
   * @param baskets the transactions
   * @param itemsets the frequent itemsets
   * @param rules the rules, or null when no minimum confidence was given
   * @param elapsedMillis the time mining and rule generation took
   * @return the JSON view: {@code transactions, items, frequentItemsets, itemsetsByLength}, then with rules
   *     {@code rules, rulesByLength}, then {@code elapsedMillis}, then with rules {@code topRules}
   */
  static Map<String, Object> json(
      Baskets baskets, FrequentItemsets itemsets, @Nullable AssociationRules rules, long elapsedMillis) {
    Map<String, Object> m = Json.object();
    m.put("transactions", baskets.size());
    m.put("items", baskets.itemCount());
    m.put("frequentItemsets", itemsets.size());
    m.put("itemsetsByLength", byLength(itemsets.countsByLength()));
    if (rules != null) {
      m.put("rules", rules.size());
      m.put("rulesByLength", byLength(rules.countsByLength()));
    }
    m.put("elapsedMillis", elapsedMillis);
    if (rules != null) {
      List<Map<String, Object>> top = new ArrayList<>();
      for (AssociationRule rule : rules.sortedByLift()) {
        if (top.size() == TOP_RULES) {
          break;
        }
        top.add(rule(rule));
      }
      m.put("topRules", top);
    }
    return m;
  }

  /** @return the non-zero counts keyed by length as a string, ascending */
  private static Map<String, Object> byLength(int[] counts) {
    Map<String, Object> m = Json.object();
    for (int length = 1; length < counts.length; length++) {
      if (counts[length] > 0) {
        m.put(Integer.toString(length), counts[length]);
      }
    }
    return m;
  }

  private static Map<String, Object> rule(AssociationRule rule) {
    Map<String, Object> m = Json.object();
    m.put("antecedent", rule.antecedentNames());
    m.put("consequent", rule.consequentNames());
    m.put("support", rule.support());
    m.put("confidence", rule.confidence());
    m.put("lift", rule.lift());
    m.put("leverage", rule.leverage());
    m.put("conviction", ClvFits.number(rule.conviction()));
    return m;
  }

  /**
   * Prints every rule as CSV under {@link #CSV_HEADER}, by descending lift (then confidence, then support).
   *
   * @param out where to print
   * @param rules the rules
   */
  static void csv(PrintWriter out, AssociationRules rules) {
    String newLine = System.lineSeparator();
    // Written in chunks: the writer flushes at every println, too often for a million rules.
    StringBuilder chunk = new StringBuilder(CHUNK + 256).append(CSV_HEADER).append(newLine);
    for (AssociationRule rule : rules.sortedByLift()) {
      chunk.append(ClvScoreCommand.csvField(String.join(ITEM_SEPARATOR, rule.antecedentNames()))).append(',')
          .append(ClvScoreCommand.csvField(String.join(ITEM_SEPARATOR, rule.consequentNames())));
      for (double number : new double[] {rule.support(), rule.confidence(), rule.lift(), rule.leverage()}) {
        chunk.append(',').append(BigDecimal.valueOf(number).toPlainString());
      }
      chunk.append(',').append(Double.isInfinite(rule.conviction()) ? INFINITY
          : BigDecimal.valueOf(rule.conviction()).toPlainString()).append(newLine);
      if (chunk.length() >= CHUNK) {
        out.print(chunk);
        chunk.setLength(0);
      }
    }
    out.print(chunk);
    out.flush();
  }
}
