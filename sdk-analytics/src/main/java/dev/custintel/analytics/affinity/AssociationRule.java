package dev.custintel.analytics.affinity;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One association rule {@code X ⇒ Y} with its measures. With N transactions: support = count(X∪Y)/N;
 * confidence = supp(X∪Y)/supp(X); lift = confidence/supp(Y); leverage = supp(X∪Y) − supp(X)·supp(Y);
 * conviction = (1 − supp(Y))/(1 − confidence), which is {@link Double#POSITIVE_INFINITY} when confidence = 1.
 * For an empty antecedent supp(X) = 1.
 */
public final class AssociationRule {
  private final int[] antecedent;
  private final int[] consequent;
  private final List<String> antecedentNames;
  private final List<String> consequentNames;
  private final int count;
  private final double support;
  private final double antecedentSupport;
  private final double consequentSupport;
  private final double confidence;
  private final double lift;
  private final double leverage;
  private final double conviction;

  AssociationRule(
      int[] antecedent, int[] consequent, List<String> names, int count, int antecedentCount, int consequentCount,
      int n) {
    this.antecedent = antecedent;
    this.consequent = consequent;
    this.antecedentNames = names(antecedent, names);
    this.consequentNames = names(consequent, names);
    this.count = count;
    this.support = (double) count / n;
    this.antecedentSupport = (double) antecedentCount / n;
    this.consequentSupport = (double) consequentCount / n;
    this.confidence = (double) count / antecedentCount;
    this.lift = confidence / consequentSupport;
    this.leverage = support - antecedentSupport * consequentSupport;
    this.conviction = count == antecedentCount ? Double.POSITIVE_INFINITY : (1 - consequentSupport) / (1 - confidence);
  }

  private static List<String> names(int[] ids, List<String> dictionary) {
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = dictionary.get(ids[i]);
    }
    return List.of(out);
  }

  /** @return a copy of the antecedent's item ids, ascending */
  public int[] antecedent() {
    return antecedent.clone();
  }

  /** @return a copy of the consequent's item ids, ascending */
  public int[] consequent() {
    return consequent.clone();
  }

  /** @return the antecedent's item names, in id order */
  public List<String> antecedentNames() {
    return antecedentNames;
  }

  /** @return the consequent's item names, in id order */
  public List<String> consequentNames() {
    return consequentNames;
  }

  /** @return the number of items in antecedent and consequent together */
  public int length() {
    return antecedent.length + consequent.length;
  }

  /** @return the number of transactions containing X∪Y */
  public int count() {
    return count;
  }

  /** @return count(X∪Y) / N */
  public double support() {
    return support;
  }

  /** @return supp(X) */
  public double antecedentSupport() {
    return antecedentSupport;
  }

  /** @return supp(Y) */
  public double consequentSupport() {
    return consequentSupport;
  }

  /** @return supp(X∪Y) / supp(X) */
  public double confidence() {
    return confidence;
  }

  /** @return confidence / supp(Y) */
  public double lift() {
    return lift;
  }

  /** @return supp(X∪Y) − supp(X)·supp(Y) */
  public double leverage() {
    return leverage;
  }

  /** @return (1 − supp(Y)) / (1 − confidence); {@link Double#POSITIVE_INFINITY} when confidence = 1 */
  public double conviction() {
    return conviction;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AssociationRule r
        && count == r.count
        && Double.compare(support, r.support) == 0
        && Arrays.equals(antecedent, r.antecedent)
        && Arrays.equals(consequent, r.consequent);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(antecedent) + Arrays.hashCode(consequent);
  }

  /** @return the rule as {@code {a, b} => {c}} with support, confidence and lift */
  @Override
  public String toString() {
    return "{" + String.join(", ", antecedentNames) + "} => {" + String.join(", ", consequentNames) + "} support="
        + support + " confidence=" + confidence + " lift=" + lift;
  }
}
