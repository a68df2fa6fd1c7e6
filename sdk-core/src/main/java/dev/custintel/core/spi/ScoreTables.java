package dev.custintel.core.spi;

/**
 * The scores contract, owned by core (its migration V2): {@code model_runs} (one row per run: kind, as-of day,
 * period unit, currency, valuation), {@code active_models} (the active run per kind, moved by one UPDATE) and
 * {@code customer_scores} (per run and customer: the purchase-model summary, P(alive), expected purchases and
 * spend, lifetime value with its interval, value at risk; every money figure as a double in the run's currency).
 * The analytics module writes runs; core's profiles and the analytics clients read them, and both turn money
 * figures into {@link dev.custintel.core.model.Money} by {@link dev.custintel.core.model.Money#rounded}.
 */
public final class ScoreTables {
  /** The kind of the customer-value runs in {@code model_runs} and {@code active_models}. */
  public static final String CLV_KIND = "clv";

  private ScoreTables() {}
}
