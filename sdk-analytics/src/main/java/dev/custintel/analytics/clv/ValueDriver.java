package dev.custintel.analytics.clv;

/**
 * How much one characteristic of a customer moves their value away from the reference customer's.
 *
 * @param factor the characteristic
 * @param effect its share of {@code value − referenceValue}, in the spend model's currency; the effects of all
 *     factors add up to that difference exactly (Shapley attribution)
 * @param explanation the comparison and its effect in plain words, with thousands separators, for example "Bought
 *     again on 6 days after the first purchase day (orders on the same day count once; median customer: 0 days);
 *     raises the 12-month value by 1,085.20 USD"
 */
public record ValueDriver(ValueDriver.Factor factor, double effect, String explanation) {

  /** The characteristics a customer's value is explained by. */
  public enum Factor {
    /** How many times the customer came back (repeat purchases). */
    FREQUENCY,
    /** How long ago the customer last bought. */
    RECENCY,
    /** How long the customer has been a customer (since the first purchase). */
    TENURE,
    /** How much the customer spends per repeat purchase. */
    SPEND
  }
}
