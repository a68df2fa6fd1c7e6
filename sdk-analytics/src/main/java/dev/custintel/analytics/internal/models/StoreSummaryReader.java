package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.HoldoutActivity;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.StoreSummaries;
import dev.custintel.analytics.clv.summary.Summaries;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.spi.StoreAccess;
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
 * The SQL and the fold behind {@link StoreSummaries}, read on a handle the caller holds: a model run reads its
 * summaries and its baskets in one snapshot with it. Not API (Jdbi types stay out of the public analytics).
 */
public final class StoreSummaryReader {
  /** Rows fetched per round trip; PostgreSQL streams (instead of buffering the result) only with a fetch size. */
  private static final int FETCH_SIZE = 1_000;

  /**
   * The UTC day of {@code placed_at} as an integer {@code yyyymmdd}. Portable: {@code CAST(... AS DATE)} of a
   * {@code TIMESTAMP WITH TIME ZONE} uses the session time zone on H2 (the JVM's), while EXTRACT of the UTC fields
   * gives the same value on H2 and PostgreSQL whatever the session or JVM time zone.
   */
  public static final String UTC_DAY_KEY =
      "CAST(EXTRACT(YEAR FROM placed_at AT TIME ZONE 'UTC') * 10000"
          + " + EXTRACT(MONTH FROM placed_at AT TIME ZONE 'UTC') * 100"
          + " + EXTRACT(DAY FROM placed_at AT TIME ZONE 'UTC') AS INTEGER)";

  private StoreSummaryReader() {}

  /**
   * As {@link StoreSummaries#summarize}, read on a handle the caller holds, so
   * that it sees the same data as the caller's other reads in that transaction (such as
   * {@link StoreAccess#inSnapshot}).
   *
   * @param access the store's access
   * @param handle the handle, in the caller's transaction
   * @param currency the currency of the orders to summarize
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param unit the unit of recency and age
   * @return as {@link StoreSummaries#summarize}
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
   * As {@link StoreSummaries#splitAndSummarize}, read on a handle
   * the caller holds (see {@link #summarize}).
   *
   * @param access the store's access
   * @param handle the handle, in the caller's transaction
   * @param currency the currency of the orders to summarize
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param holdoutEnd the last day (UTC, inclusive) of the holdout period; after {@code calibrationEnd}
   * @param unit the unit of recency, age and the holdout duration
   * @return both
   */
  public static StoreSummaries.SplitAndSummaries splitAndSummarize(
      StoreAccess access, Handle handle, Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd,
      PeriodUnit unit) {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handle, "handle");
    checkSplit(currency, calibrationEnd, holdoutEnd, unit);
    Result result = run(access, handle, currency, calibrationEnd, holdoutEnd, unit, true);
    return new StoreSummaries.SplitAndSummaries(
        toSplit(result, calibrationEnd, holdoutEnd, unit), Objects.requireNonNull(result.whole()));
  }

  /**
   * As {@link StoreSummaries#split}, read on a handle the caller holds.
   *
   * @param access the store's access
   * @param handle the handle, in the caller's transaction
   * @param currency the currency of the orders to summarize
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param holdoutEnd the last day (UTC, inclusive) of the holdout period; after {@code calibrationEnd}
   * @param unit the unit of recency, age and the holdout duration
   * @return the split
   */
  public static CalibrationHoldoutSplit split(
      StoreAccess access, Handle handle, Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd,
      PeriodUnit unit) {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handle, "handle");
    checkSplit(currency, calibrationEnd, holdoutEnd, unit);
    return toSplit(run(access, handle, currency, calibrationEnd, holdoutEnd, unit, false), calibrationEnd,
        holdoutEnd, unit);
  }

  /** Checks the arguments of a split: no nulls, and a holdout end after the calibration end. */
  public static void checkSplit(Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
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
