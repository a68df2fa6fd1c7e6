package dev.custintel.analytics.cohorts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Orders placed a minute or an hour either side of local midnights where periods begin and of the instants zones
 * change their offset, in zones with daylight saving at 02:00, at midnight, of 30 minutes, with quarter-hour
 * offsets and with a skipped day; each zone's weekly, monthly, quarterly and rolling table is compared, cell by
 * cell, with one worked out here in Java from the orders' local dates. Both databases must give exactly these.
 *
 * <p>One kind of instant is left out on purpose: those in an hour that a zone repeats when its clocks go back
 * across midnight into a new period, which belong to the old period by their local date and to the new one by the
 * instant the new one begins; the two databases are allowed to differ there (see {@code CohortSql}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortsZoneBoundariesTest extends OnBothDatabases {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final List<ZoneId> ZONES = List.of(
      ZoneId.of("UTC"),
      ZoneId.of("Europe/Paris"),
      ZoneId.of("America/New_York"),
      ZoneId.of("Australia/Lord_Howe"), // half-hour daylight saving
      ZoneId.of("Asia/Kathmandu"), // +05:45
      ZoneId.of("America/Sao_Paulo"), // clocks changed at midnight until 2019
      ZoneId.of("Pacific/Apia"), // skipped 2011-12-30
      ZoneId.of("+05:45"));
  private static final long[] OFFSETS_MINUTES = {-61, -1, 0, 1, 59};

  private TestDatabase database;
  private CustomerIntelligence ci;
  /** Every order ingested, each customer's in order of time. */
  private final Map<String, List<Order>> orders = new TreeMap<>();

  /** The request's mode: a calendar period, or rolling weeks after the first purchase in monthly cohorts. */
  enum Mode {
    WEEK, MONTH, QUARTER, ROLLING_WEEKS;

    CohortPeriod period() {
      return this == ROLLING_WEEKS ? CohortPeriod.MONTH : CohortPeriod.valueOf(name());
    }

    @Nullable Integer rollingDays() {
      return this == ROLLING_WEEKS ? 7 : null;
    }
  }

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    List<Instant> pool = new ArrayList<>(instantsNearBoundaries());
    Random random = new Random(20261206L);
    Collections.shuffle(pool, random);

    IngestBatch.Builder batch = IngestBatch.builder().product(Product.of("P1", "Tea", "Tea"));
    int next = 0;
    int orderId = 0;
    for (int c = 0; next < pool.size(); c++) {
      String customer = "z" + c;
      batch.customer(Customer.of(customer, "FR"));
      List<Order> own = new ArrayList<>();
      int count = 1 + random.nextInt(9);
      for (int i = 0; i < count && next < pool.size(); i++) {
        Instant at = pool.get(next++);
        OrderKind kind = random.nextInt(5) == 0 ? OrderKind.RETURN : OrderKind.PURCHASE;
        own.add(order("o" + orderId++, customer, at, kind, random));
        if (random.nextInt(10) == 0) { // another order at the very same instant
          own.add(order("o" + orderId++, customer, at,
              random.nextBoolean() ? OrderKind.RETURN : OrderKind.PURCHASE, random));
        }
      }
      own.forEach(batch::order);
      orders.put(customer, own);
    }
    ci.ingestion().ingest(batch.build());
    assertThat(orderId).isGreaterThan(1_000);
  }

  @AfterParameterizedClassInvocation
  void close() {
    ci.close();
    database.close();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyZonesTable_matchesLocalDatesCellByCell(Mode mode) throws Throwable {
    List<Executable> checks = new ArrayList<>();
    for (ZoneId zone : ZONES) {
      CohortTable actual = ci.cohorts().retention(CohortRequest.builder()
          .currency(EUR).zone(zone).period(mode.period()).rollingDays(mode.rollingDays()).build());
      List<Expected> expected = expected(zone, mode);
      checks.add(() -> {
        String where = zone + " " + mode;
        assertThat(actual.cohorts()).as(where + " cohort starts").extracting(Cohort::start)
            .containsExactlyElementsOf(expected.stream().map(Expected::start).toList());
        for (int i = 0; i < expected.size(); i++) {
          Cohort cohort = actual.cohorts().get(i);
          Expected e = expected.get(i);
          String at = where + " cohort " + cohort.label();
          assertThat(cohort.customers()).as(at + " customers").isEqualTo(e.customers());
          assertThat(cohort.periods()).as(at + " active").extracting(CohortCell::active)
              .containsExactly(e.active());
          assertThat(cohort.periods()).as(at + " active on or after").extracting(CohortCell::activeOnOrAfter)
              .containsExactly(e.onOrAfter());
          assertThat(cohort.periods()).as(at + " orders").extracting(CohortCell::orders)
              .containsExactly(e.orders());
          for (int k = 0; k < e.revenue().length; k++) {
            assertThat(cohort.periods().get(k).revenue().amount()).as(at + " revenue k=" + k)
                .isEqualByComparingTo(e.revenue()[k]);
          }
        }
      });
    }
    org.junit.jupiter.api.Assertions.assertAll(checks);
  }

  /** One cohort as worked out here. */
  record Expected(LocalDate start, long customers, Long[] active, Long[] onOrAfter, Long[] orders,
      BigDecimal[] revenue) {}

  private List<Expected> expected(ZoneId zone, Mode mode) {
    CohortPeriod period = mode.period();
    Instant dataEnd = orders.values().stream().flatMap(List::stream).map(Order::placedAt)
        .max(Instant::compareTo).orElseThrow();
    // cohort start → its customers' first purchases and orders from then on
    Map<LocalDate, List<List<Order>>> byCohort = new TreeMap<>();
    Map<LocalDate, Instant> earliest = new TreeMap<>();
    for (List<Order> own : orders.values()) {
      Instant first = own.stream().filter(o -> o.kind() == OrderKind.PURCHASE).map(Order::placedAt)
          .min(Instant::compareTo).orElse(null);
      if (first == null) {
        continue; // never bought: in no cohort
      }
      LocalDate start = periodStart(period, first.atZone(zone).toLocalDate());
      byCohort.computeIfAbsent(start, s -> new ArrayList<>())
          .add(own.stream().filter(o -> !o.placedAt().isBefore(first)).toList());
      earliest.merge(start, first, (a, b) -> a.isBefore(b) ? a : b);
    }
    List<Expected> out = new ArrayList<>();
    for (Map.Entry<LocalDate, List<List<Order>>> e : byCohort.entrySet()) {
      LocalDate start = e.getKey();
      int columns = mode.rollingDays() == null
          ? (int) between(period, start, periodStart(period, dataEnd.atZone(zone).toLocalDate())) + 1
          : (int) (Duration.between(earliest.get(start), dataEnd).getSeconds() / (86_400L * mode.rollingDays())) + 1;
      long[] active = new long[columns];
      long[] onOrAfter = new long[columns];
      long[] count = new long[columns];
      BigDecimal[] revenue = new BigDecimal[columns];
      java.util.Arrays.fill(revenue, BigDecimal.ZERO);
      for (List<Order> own : e.getValue()) {
        Instant first = own.stream().filter(o -> o.kind() == OrderKind.PURCHASE).map(Order::placedAt)
            .min(Instant::compareTo).orElseThrow();
        TreeSet<Integer> bought = new TreeSet<>();
        for (Order o : own) {
          int k = mode.rollingDays() == null
              ? (int) between(period, start, periodStart(period, o.placedAt().atZone(zone).toLocalDate()))
              : (int) (Duration.between(first, o.placedAt()).getSeconds() / (86_400L * mode.rollingDays()));
          BigDecimal amount = o.lines().get(0).amount();
          if (o.kind() == OrderKind.PURCHASE) {
            bought.add(k);
            count[k]++;
            revenue[k] = revenue[k].add(amount);
          } else {
            revenue[k] = revenue[k].subtract(amount);
          }
        }
        bought.forEach(k -> active[k]++);
        for (int k = 0; k <= bought.last(); k++) {
          onOrAfter[k]++;
        }
      }
      out.add(new Expected(start, e.getValue().size(), boxed(active), boxed(onOrAfter), boxed(count), revenue));
    }
    return out;
  }

  private static Long[] boxed(long[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
  }

  private static LocalDate periodStart(CohortPeriod period, LocalDate day) {
    return switch (period) {
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
    };
  }

  private static LocalDate nextStart(CohortPeriod period, LocalDate start) {
    return switch (period) {
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
      case QUARTER -> start.plusMonths(3);
    };
  }

  private static long between(CohortPeriod period, LocalDate from, LocalDate to) {
    return switch (period) {
      case WEEK -> ChronoUnit.WEEKS.between(from, to);
      case MONTH -> ChronoUnit.MONTHS.between(from, to);
      case QUARTER -> ChronoUnit.MONTHS.between(from, to) / 3;
    };
  }

  /**
   * For each zone: the local midnights where weeks, months and quarters begin from September 2017 to April 2018
   * and around Samoa's skipped day, and every change of offset from 2011 to 2018; instants at {@link
   * #OFFSETS_MINUTES} from each, less those in a repeated hour across a period's first midnight.
   */
  private static TreeSet<Instant> instantsNearBoundaries() {
    TreeSet<Instant> boundaries = new TreeSet<>();
    for (ZoneId zone : ZONES) {
      for (LocalDate[] window : new LocalDate[][] {
          {LocalDate.of(2017, 9, 1), LocalDate.of(2018, 4, 1)},
          {LocalDate.of(2011, 12, 1), LocalDate.of(2012, 1, 16)}}) {
        for (LocalDate day = window[0]; day.isBefore(window[1]); day = day.plusDays(1)) {
          if (day.getDayOfWeek() == DayOfWeek.MONDAY || day.getDayOfMonth() == 1) {
            boundaries.add(day.atStartOfDay(zone).toInstant());
          }
        }
      }
      Instant from = LocalDate.of(2011, 1, 1).atStartOfDay(zone).toInstant();
      Instant to = LocalDate.of(2019, 1, 1).atStartOfDay(zone).toInstant();
      for (ZoneOffsetTransition t = zone.getRules().nextTransition(from);
          t != null && t.getInstant().isBefore(to); t = zone.getRules().nextTransition(t.getInstant())) {
        boundaries.add(t.getInstant());
      }
    }
    TreeSet<Instant> out = new TreeSet<>();
    for (Instant b : boundaries) {
      for (long m : OFFSETS_MINUTES) {
        Instant at = b.plus(Duration.ofMinutes(m));
        if (unambiguous(at)) {
          out.add(at);
        }
      }
    }
    return out;
  }

  /** Whether, in every zone and calendar period, the instant's local date and the periods' start instants agree. */
  private static boolean unambiguous(Instant at) {
    for (ZoneId zone : ZONES) {
      for (CohortPeriod period : CohortPeriod.values()) {
        LocalDate byDate = periodStart(period, at.atZone(zone).toLocalDate());
        boolean startedBy = !byDate.atStartOfDay(zone).toInstant().isAfter(at);
        boolean endedBy = !nextStart(period, byDate).atStartOfDay(zone).toInstant().isAfter(at);
        if (!startedBy || endedBy) {
          return false;
        }
      }
    }
    return true;
  }

  private static Order order(String id, String customer, Instant at, OrderKind kind, Random random) {
    BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(9_900), 2);
    return new Order(id, customer, at, EUR, kind, List.of(new OrderLine("P1", 1, amount)));
  }
}
