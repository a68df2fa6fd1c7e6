package dev.custintel.analytics.models;

import dev.custintel.core.CustintelException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A model run stopped because the store does not hold enough purchases to fit the models: nothing was written and
 * the active run, if any, stays active. The purchase models learn how often customers come back and the spend model
 * what they spend when they do, so both need customers who bought again on a later day than their first purchase
 * ({@linkplain #repeatCustomers() repeat customers}) with a positive amount; one-time buyers alone say nothing
 * about either. The message says how much is needed and how much there is; ingest more order history, or run the
 * models later.
 *
 * <p>At least {@link #requiredRepeatCustomers()} repeat customer is the floor below which no fit is possible; a few
 * hundred customers with a few months of history give fits worth reading (a fit that does not converge is a
 * {@link ModelFitException}).
 */
public class InsufficientDataException extends CustintelException {
  private static final long serialVersionUID = 1L;

  /** Repeat customers a model run needs at the least. */
  public static final int MIN_REPEAT_CUSTOMERS = 1;

  private final @Nullable Currency currency;
  private final @Nullable LocalDate asOf;
  private final long purchases;
  private final long customers;
  private final long repeatCustomers;

  /**
   * @param currency the currency the run modelled, or null when the store holds no purchase at all
   * @param asOf the last day of purchases counted, or null when the store holds no purchase at all
   * @param purchases purchases in that currency up to that day, 0 or more
   * @param customers customers who made them, 0 or more
   * @param repeatCustomers of those, the customers with a purchase on a later day than their first and a positive
   *     mean repeat amount, 0 or more
   */
  public InsufficientDataException(
      @Nullable Currency currency, @Nullable LocalDate asOf, long purchases, long customers, long repeatCustomers) {
    super(message(currency, asOf, purchases, customers, repeatCustomers));
    this.currency = currency;
    this.asOf = asOf;
    this.purchases = purchases;
    this.customers = customers;
    this.repeatCustomers = repeatCustomers;
  }

  private static String message(
      @Nullable Currency currency, @Nullable LocalDate asOf, long purchases, long customers, long repeatCustomers) {
    String scope = currency == null ? "" : " in " + currency.getCurrencyCode() + (asOf == null ? "" : " up to "
        + asOf);
    return "Not enough data for a model run: it needs at least " + MIN_REPEAT_CUSTOMERS + " repeat customer (a "
        + "customer who bought again, on a later day than the first purchase, for a positive amount), and the "
        + "store has " + repeatCustomers + " among " + customers + " customer" + (customers == 1 ? "" : "s")
        + " with " + purchases + " purchase" + (purchases == 1 ? "" : "s") + scope + ". Ingest more order "
        + "history, then run the models again; nothing was written and the active run is unchanged.";
  }

  /** @return the currency the run modelled; empty when the store holds no purchase at all */
  public Optional<Currency> currency() {
    return Optional.ofNullable(currency);
  }

  /** @return the last day of purchases counted; empty when the store holds no purchase at all */
  public Optional<LocalDate> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** @return purchases counted (in {@link #currency()}, up to {@link #asOf()}) */
  public long purchases() {
    return purchases;
  }

  /** @return customers who made those purchases */
  public long customers() {
    return customers;
  }

  /** @return customers with a repeat purchase of a positive amount among them */
  public long repeatCustomers() {
    return repeatCustomers;
  }

  /** @return repeat customers needed at the least: {@value #MIN_REPEAT_CUSTOMERS} */
  public int requiredRepeatCustomers() {
    return MIN_REPEAT_CUSTOMERS;
  }
}
