package dev.custintel.analytics.segments;

/**
 * A condition over a customer's recency, frequency and monetary scores, each from 1 (worst) to the preset's scale
 * (best). Must be a pure function of the three scores: a preset is evaluated once per score combination, never
 * per customer.
 */
@FunctionalInterface
public interface RfmCondition {
  /**
   * @param r recency score (higher: bought more recently)
   * @param f frequency score (higher: more purchases)
   * @param m monetary score (higher: spent more, net of returns)
   * @return whether the scores match
   */
  boolean test(int r, int f, int m);

  /**
   * @param rFrom lowest recency score, inclusive
   * @param rTo highest recency score, inclusive
   * @param fFrom lowest frequency score, inclusive
   * @param fTo highest frequency score, inclusive
   * @return a condition on R and F only, as in the RF grids
   */
  static RfmCondition rf(int rFrom, int rTo, int fFrom, int fTo) {
    return (r, f, m) -> r >= rFrom && r <= rTo && f >= fFrom && f <= fTo;
  }
}
