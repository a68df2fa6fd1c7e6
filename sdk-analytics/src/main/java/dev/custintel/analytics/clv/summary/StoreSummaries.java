package dev.custintel.analytics.clv.summary;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Computes calibration summaries (and calibration/holdout splits) from the orders in a {@link CustintelStore}, with
 * the aggregation pushed down to the database: the same results as {@link CalibrationSummaries} over the same
 * purchases, on H2 and PostgreSQL alike. Stateless and thread-safe.
 *
 * <p>Which orders count:
 *
 * <ul>
 *   <li>Purchases only ({@code kind = 'PURCHASE'}). Returns are <em>not</em> subtracted from the summaries: the
 *       models describe buying behaviour, and returns are a separate signal.
 *   <li>One currency, named by the caller: orders in other currencies are ignored, since summaries across
 *       currencies would mix units.
 *   <li>An order's day is the UTC calendar day of its {@code placed_at} instant.
 * </ul>
 *
 * <p>Definitions (see the package documentation): same-day purchases of a customer merge into one purchase whose
 * amount is the sum of the order totals; {@code x} = number of distinct purchase days after the first, up to and
 * including the calibration end {@code E}; {@code t_x} = (last purchase day &minus; first purchase day) and
 * {@code T} = ({@code E} &minus; first purchase day), both in days divided by {@link PeriodUnit#days()} as doubles;
 * monetary value = mean amount of the repeat purchase days (0 when {@code x = 0}); customers whose first purchase
 * day is after {@code E} are left out and counted in {@link Summaries#excludedCustomers()}.
 *
 * <p>How: the database groups the orders by customer and UTC day and sums them (one row per customer and purchase
 * day, ordered by customer and day); those rows are streamed and folded in one pass holding one customer at a
 * time, so memory is O(customers) for the result only, plus O(days) for a split's repeat purchase days per day
 * (gathered in the same pass). A second query counts the customers who first bought after {@code E}. Both run in
 * one read-only repeatable-read transaction. Customers are returned in ascending order of their id
 * ({@link String#compareTo}), identically on every database.
 *
 * <p>Amounts keep the store's scale (4 decimals, {@code DECIMAL(19,4)}); the monetary value is rounded to 16
 * significant digits ({@link MathContext#DECIMAL64}) as in {@link CalibrationSummaries}.
 */
public final class StoreSummaries {

  /** Rows fetched per round trip; PostgreSQL streams (instead of buffering the result) only with a fetch size. */
  private static final int FETCH_SIZE = 1_000;

  /**
   * The UTC day of {@code placed_at} as an integer {@code yyyymmdd}. Portable: {@code CAST(... AS DATE)} of a
   * {@code TIMESTAMP WITH TIME ZONE} uses the session time zone on H2 (the JVM's), while EXTRACT of the UTC fields
   * gives the same value on H2 and PostgreSQL whatever the session or JVM time zone.
   */
  private static final String UTC_DAY_KEY =
      "CAST(EXTRACT(YEAR FROM placed_at AT TIME ZONE 'UTC') * 10000"
          + " + EXTRACT(MONTH FROM placed_at AT TIME ZONE 'UTC') * 100"
          + " + EXTRACT(DAY FROM placed_at AT TIME ZONE 'UTC') AS INTEGER)";

  private StoreSummaries() {}

  /**
   * Summarizes each customer's calibration period from the store's purchases in one currency.
   *
   * @param store the store whose orders are read
   * @param currency the currency of the orders to summarize; orders in other currencies are ignored
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period; later purchases are ignored
   * @param unit the unit of recency and age
   * @return one summary per customer whose first purchase (in {@code currency}) is on or before
   *     {@code calibrationEnd}, in ascending order of customer id, and the number of customers excluded because
   *     they first bought later; empty when the store has no purchase in {@code currency}
   * @throws NullPointerException if an argument is null
   * @throws InvalidInputException {@code calibrationEnd} when it is before
   *     every purchase in {@code currency} (nothing could be summarized)
   * @throws DataAccessException if the database fails
   */
  public static Summaries summarize(
      CustintelStore store, Currency currency, LocalDate calibrationEnd, PeriodUnit unit) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(unit, "unit");
    return run(store, currency, calibrationEnd, null, unit, false).summaries();
  }

  /**
   * Summarizes each customer's calibration period and counts their purchase days in the holdout period after it,
   * from the store's purchases in one currency. Customers excluded from the calibration (first purchase after
   * {@code calibrationEnd}) are not reported in the holdout either.
   *
   * @param store the store whose orders are read
   * @param currency the currency of the orders to summarize; orders in other currencies are ignored
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param holdoutEnd the last day (UTC, inclusive) of the holdout period; after {@code calibrationEnd}; later
   *     purchases are ignored
   * @param unit the unit of recency, age and the holdout duration
   * @return the calibration summaries with each customer's holdout purchase days and amount, in ascending order
   *     of customer id, and the summarized customers' repeat purchase days per day up to {@code holdoutEnd}
   * @throws InvalidInputException naming {@code holdoutEnd} when it is not after {@code calibrationEnd}, or as
   *     {@link #summarize(CustintelStore, Currency, LocalDate, PeriodUnit)}
   * @throws DataAccessException if the database fails
   */
  public static CalibrationHoldoutSplit split(
      CustintelStore store, Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    return toSplit(checkedSplitRun(store, currency, calibrationEnd, holdoutEnd, unit, false), calibrationEnd,
        holdoutEnd, unit);
  }

  /**
   * A calibration/holdout split and the summaries of the whole period up to the holdout end, from one read of the
   * orders: what a model run needs to backtest on a holdout and then fit on everything.
   *
   * @param split as {@link #split(CustintelStore, Currency, LocalDate, LocalDate, PeriodUnit)}
   * @param summaries as {@link #summarize(CustintelStore, Currency, LocalDate, PeriodUnit)} with the holdout end
   *     as calibration end
   */
  public record SplitAndSummaries(CalibrationHoldoutSplit split, Summaries summaries) {}

  /**
   * The split of {@link #split(CustintelStore, Currency, LocalDate, LocalDate, PeriodUnit)} and the summaries of
   * {@link #summarize(CustintelStore, Currency, LocalDate, PeriodUnit)} at {@code holdoutEnd}, identical to
   * calling both, with the orders read once.
   *
   * @param store the store whose orders are read
   * @param currency the currency of the orders to summarize
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param holdoutEnd the last day (UTC, inclusive) of the holdout period, and the end of the whole-period
   *     summaries; after {@code calibrationEnd}
   * @param unit the unit of recency, age and the holdout duration
   * @return both
   * @throws InvalidInputException as {@link #split(CustintelStore, Currency, LocalDate, LocalDate, PeriodUnit)}
   * @throws DataAccessException if the database fails
   */
  public static SplitAndSummaries splitAndSummarize(
      CustintelStore store, Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    Result result = checkedSplitRun(store, currency, calibrationEnd, holdoutEnd, unit, true);
    return new SplitAndSummaries(
        toSplit(result, calibrationEnd, holdoutEnd, unit), Objects.requireNonNull(result.whole()));
  }

  /**
   * As {@link #summarize(CustintelStore, Currency, LocalDate, PeriodUnit)}, read on a handle the caller holds, so
   * that it sees the same data as the caller's other reads in that transaction (such as
   * {@link StoreAccess#inSnapshot}).
   *
   * @param access the store's access
   * @param handle the handle, in the caller's transaction
   * @param currency the currency of the orders to summarize
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param unit the unit of recency and age
   * @return as {@link #summarize(CustintelStore, Currency, LocalDate, PeriodUnit)}
   */
  public static Summaries summarize(
      StoreAccess access, Handle handle, Currency currency, LocalDate calibrationEnd, PeriodUnit unit) {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(unit, "unit");
    return run(access, handle, currency, calibrationEnd, null, unit, false).summaries();
  }

  /**
   * As {@link #splitAndSummarize(CustintelStore, Currency, LocalDate, LocalDate, PeriodUnit)}, read on a handle
   * the caller holds (see {@link #summarize(StoreAccess, Handle, Currency, LocalDate, PeriodUnit)}).
   *
   * @param access the store's access
   * @param handle the handle, in the caller's transaction
   * @param currency the currency of the orders to summarize
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param holdoutEnd the last day (UTC, inclusive) of the holdout period; after {@code calibrationEnd}
   * @param unit the unit of recency, age and the holdout duration
   * @return both
   */
  public static SplitAndSummaries splitAndSummarize(
      StoreAccess access, Handle handle, Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd,
      PeriodUnit unit) {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handle, "handle");
    checkSplit(currency, calibrationEnd, holdoutEnd, unit);
    Result result = run(access, handle, currency, calibrationEnd, holdoutEnd, unit, true);
    return new SplitAndSummaries(
        toSplit(result, calibrationEnd, holdoutEnd, unit), Objects.requireNonNull(result.whole()));
  }

  /** Checks the arguments of a split and reads it (with the whole-period summaries when {@code whole}). */
  private static Result checkedSplitRun(
      CustintelStore store,
      Currency currency,
      LocalDate calibrationEnd,
      LocalDate holdoutEnd,
      PeriodUnit unit,
      boolean whole) {
    Objects.requireNonNull(store, "store");
    checkSplit(currency, calibrationEnd, holdoutEnd, unit);
    return run(store, currency, calibrationEnd, holdoutEnd, unit, whole);
  }

  private static void checkSplit(Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(holdoutEnd, "holdoutEnd");
    Objects.requireNonNull(unit, "unit");
    if (!holdoutEnd.isAfter(calibrationEnd)) {
      throw InvalidInputException.argument(
          "holdoutEnd", "must be after calibrationEnd " + calibrationEnd + " (was " + holdoutEnd + ")");
    }
  }

  private static CalibrationHoldoutSplit toSplit(
      Result result, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    return new CalibrationHoldoutSplit(
        result.summaries(),
        holdoutEnd,
        unit.between(calibrationEnd, holdoutEnd),
        result.holdout(),
        result.repeatsByDay());
  }

  /** Late customers: those whose first purchase is on or after the instant bound. */
  private record Late(int count, @Nullable LocalDate earliest) {}

  /**
   * The summaries and, when a holdout end was given, the holdout activity in the same order and the repeat purchase
   * days per day (else both empty).
   */
  private record Result(
      Summaries summaries,
      List<HoldoutActivity> holdout,
      NavigableMap<LocalDate, Integer> repeatsByDay,
      @Nullable Summaries whole) {}

  private static Result run(
      CustintelStore store,
      Currency currency,
      LocalDate calibrationEnd,
      @Nullable LocalDate holdoutEnd,
      PeriodUnit unit,
      boolean whole) {
    StoreAccess access = StoreAccess.of(store);
    return access.inSnapshot("Summarizing the " + currency.getCurrencyCode() + " purchases in "
        + access.table("orders"), h -> run(access, h, currency, calibrationEnd, holdoutEnd, unit, whole));
  }

  private static Result run(
      StoreAccess access,
      Handle h,
      Currency currency,
      LocalDate calibrationEnd,
      @Nullable LocalDate holdoutEnd,
      PeriodUnit unit,
      boolean whole) {
    String orders = access.table("orders");
    String code = currency.getCurrencyCode();
    OffsetDateTime calibrationLimit = startOfDayAfter(calibrationEnd);
    OffsetDateTime readLimit = startOfDayAfter(holdoutEnd == null ? calibrationEnd : holdoutEnd);
    Folder folder = new Folder(calibrationEnd, unit, holdoutEnd != null, whole ? holdoutEnd : null);
    streamDays(h, orders, code, readLimit, folder);
    @Nullable Late lateWhole = whole ? late(h, orders, code, readLimit) : null;
    Late late = late(h, orders, code, calibrationLimit);
    folder.finish();
    List<CustomerRfm> customers = folder.customers;
    if (customers.isEmpty() && late.count() > 0) {
      // Almost always a wrong argument (such as a swapped year), not a meaningful empty result.
      throw InvalidInputException.argument(
          "calibrationEnd",
          "is before every transaction (was "
              + calibrationEnd
              + ", earliest transaction "
              + late.earliest()
              + ")");
    }
    // Sort customers (with their holdout activity) by id so that every database gives the same order, whatever
    // its collation.
    List<Integer> order = new ArrayList<>(customers.size());
    for (int i = 0; i < customers.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> customers.get(i).customerId()));
    List<CustomerRfm> sortedCustomers = new ArrayList<>(customers.size());
    List<HoldoutActivity> sortedHoldout = new ArrayList<>(folder.holdout.size());
    for (int i : order) {
      sortedCustomers.add(customers.get(i));
      if (holdoutEnd != null) {
        sortedHoldout.add(folder.holdout.get(i));
      }
    }
    Summaries wholeSummaries = null;
    if (whole && holdoutEnd != null) {
      List<CustomerRfm> all = new ArrayList<>(folder.wholeCustomers);
      all.sort(Comparator.comparing(CustomerRfm::customerId));
      wholeSummaries = new Summaries(all, holdoutEnd, unit, Objects.requireNonNull(lateWhole).count());
    }
    return new Result(
        new Summaries(sortedCustomers, calibrationEnd, unit, late.count()), sortedHoldout, folder.repeatsByDay,
        wholeSummaries);
  }

  /** Streams one row per customer and UTC purchase day, ordered by customer and day, into the folder. */
  private static void streamDays(
      Handle h, String orders, String currency, OffsetDateTime readLimit, Folder folder) {
    String sql =
        "SELECT customer_id, purchase_day, SUM(total_amount) AS amount FROM ("
            + " SELECT customer_id, "
            + UTC_DAY_KEY
            + " AS purchase_day, total_amount FROM "
            + orders
            + " WHERE kind = 'PURCHASE' AND currency = ? AND placed_at < ?) p"
            + " GROUP BY customer_id, purchase_day"
            + " ORDER BY customer_id, purchase_day";
    h.createQuery(sql)
        .bind(0, currency)
        .bind(1, readLimit)
        .setFetchSize(FETCH_SIZE)
        .scanResultSet(
            (supplier, ctx) -> {
              var rs = supplier.get();
              while (rs.next()) {
                folder.accept(rs.getString(1), dayOf(rs.getInt(2)), rs.getBigDecimal(3));
              }
              return null;
            });
  }

  /** Counts the customers whose first purchase in the currency is at or after {@code calibrationLimit}. */
  private static Late late(Handle h, String orders, String currency, OffsetDateTime calibrationLimit) {
    String sql =
        "SELECT COUNT(*), MIN(first_at) FROM (SELECT customer_id, MIN(placed_at) AS first_at FROM "
            + orders
            + " WHERE kind = 'PURCHASE' AND currency = ? GROUP BY customer_id HAVING MIN(placed_at) >= ?) f";
    return h.createQuery(sql)
        .bind(0, currency)
        .bind(1, calibrationLimit)
        .map(
            (rs, ctx) -> {
              OffsetDateTime earliest = rs.getObject(2, OffsetDateTime.class);
              return new Late(
                  rs.getInt(1),
                  earliest == null ? null : LocalDate.ofInstant(earliest.toInstant(), ZoneOffset.UTC));
            })
        .one();
  }

  private static OffsetDateTime startOfDayAfter(LocalDate day) {
    return day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  private static LocalDate dayOf(int key) {
    return LocalDate.of(key / 10_000, key / 100 % 100, key % 100);
  }

  /**
   * Folds the per-customer, per-day rows (ordered by customer and day) into summaries, one customer at a time.
   * Not thread-safe.
   */
  private static final class Folder {
    private final LocalDate calibrationEnd;
    private final PeriodUnit unit;
    private final boolean withHoldout;
    final List<CustomerRfm> customers = new ArrayList<>();
    final List<HoldoutActivity> holdout = new ArrayList<>();
    /** Repeat purchase days per day of the summarized customers, when {@code withHoldout}. */
    final NavigableMap<LocalDate, Integer> repeatsByDay = new TreeMap<>();
    /** The end of the whole-period summaries, or null when they are not wanted. */
    private final @Nullable LocalDate wholeEnd;
    /** Summaries of every customer over every row read (up to {@code wholeEnd}), when wanted. */
    final List<CustomerRfm> wholeCustomers = new ArrayList<>();
    private LocalDate wholeLastDay = LocalDate.MIN;
    private @Nullable LocalDate wholeFirstDay;
    private BigDecimal wholeFirstAmount = BigDecimal.ZERO;
    private int wholeRepeatDays;
    private BigDecimal wholeRepeatAmount = BigDecimal.ZERO;

    private @Nullable String customerId;
    private @Nullable LocalDate firstDay;
    private BigDecimal firstAmount = BigDecimal.ZERO;
    private LocalDate lastDay = LocalDate.MIN;
    private int repeatDays;
    private BigDecimal repeatAmount = BigDecimal.ZERO;
    private int holdoutDays;
    private BigDecimal holdoutAmount = BigDecimal.ZERO;

    Folder(LocalDate calibrationEnd, PeriodUnit unit, boolean withHoldout, @Nullable LocalDate wholeEnd) {
      this.calibrationEnd = calibrationEnd;
      this.unit = unit;
      this.withHoldout = withHoldout;
      this.wholeEnd = wholeEnd;
    }

    void accept(String customer, LocalDate day, BigDecimal amount) {
      if (!customer.equals(customerId)) {
        finish();
        customerId = customer;
        firstDay = null;
        repeatDays = 0;
        repeatAmount = BigDecimal.ZERO;
        holdoutDays = 0;
        holdoutAmount = BigDecimal.ZERO;
        wholeFirstDay = null;
        wholeRepeatDays = 0;
        wholeRepeatAmount = BigDecimal.ZERO;
      }
      if (wholeEnd != null) {
        // Every row read is on or before wholeEnd: the whole period's summary sees them all.
        if (wholeFirstDay == null) {
          wholeFirstDay = day;
          wholeFirstAmount = amount;
        } else {
          wholeRepeatDays++;
          wholeRepeatAmount = wholeRepeatAmount.add(amount);
        }
        wholeLastDay = day;
      }
      // Days come in order: a customer's first row is their first purchase day, so one first seen after the
      // calibration end (firstDay stays null) is left out, and every later row of a summarized customer is a
      // repeat purchase day.
      if (firstDay != null && withHoldout) {
        repeatsByDay.merge(day, 1, Integer::sum);
      }
      if (day.isAfter(calibrationEnd)) {
        holdoutDays++;
        holdoutAmount = holdoutAmount.add(amount);
      } else if (firstDay == null) {
        firstDay = day;
        firstAmount = amount;
        lastDay = day;
      } else {
        repeatDays++;
        repeatAmount = repeatAmount.add(amount);
        lastDay = day;
      }
    }

    /** Adds the current customer, if any; a customer without a calibration purchase is counted elsewhere. */
    void finish() {
      String id = customerId;
      LocalDate first = firstDay;
      customerId = null;
      LocalDate wholeFirst = wholeFirstDay;
      if (id != null && wholeEnd != null && wholeFirst != null) {
        wholeCustomers.add(CustomerRfm.fromPurchaseDays(
            id, wholeFirst, wholeFirstAmount, wholeLastDay, wholeRepeatDays, wholeRepeatAmount, wholeEnd, unit));
      }
      if (id == null || first == null) {
        return;
      }
      customers.add(CustomerRfm.fromPurchaseDays(
          id, first, firstAmount, lastDay, repeatDays, repeatAmount, calibrationEnd, unit));
      if (withHoldout) {
        holdout.add(new HoldoutActivity(id, holdoutDays, holdoutAmount));
      }
    }
  }
}
