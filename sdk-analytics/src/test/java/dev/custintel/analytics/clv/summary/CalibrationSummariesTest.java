package dev.custintel.analytics.clv.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CalibrationSummariesTest {

  private static final LocalDate D1 = LocalDate.of(2024, 1, 1);
  private static final LocalDate END = LocalDate.of(2024, 3, 31);

  private static Transaction tx(String id, LocalDate day, String amount) {
    return Transaction.of(id, day, new BigDecimal(amount));
  }

  @Test
  void summarize_sameDayPurchases_mergedIntoOneWithSummedAmount() {
    List<Transaction> input =
        List.of(
            tx("a", D1, "10"),
            tx("a", D1, "5.50"),
            tx("a", D1.plusDays(14), "20"),
            tx("a", D1.plusDays(14), "4"),
            tx("a", D1.plusDays(21), "6"));

    CustomerRfm a = CalibrationSummaries.summarize(input, END, PeriodUnit.WEEKS).customers().get(0);

    assertThat(a.frequency()).isEqualTo(2);
    assertThat(a.firstPurchaseAmount()).isEqualByComparingTo("15.50");
    assertThat(a.firstPurchaseDay()).isEqualTo(D1);
    // Repeat days: 24 (20 + 4) and 6; the first day is excluded from the mean.
    assertThat(a.monetaryValue()).isEqualByComparingTo("15");
    assertThat(a.recency()).isEqualTo(3.0);
    assertThat(a.age()).isCloseTo(90 / 7.0, within(1e-12));
  }

  @Test
  void summarize_unorderedInputInDays_sameAsOrdered() {
    List<Transaction> input =
        List.of(tx("a", D1.plusDays(10), "3"), tx("a", D1, "1"), tx("a", D1.plusDays(4), "2"));

    CustomerRfm a = CalibrationSummaries.summarize(input, END, PeriodUnit.DAYS).customers().get(0);

    assertThat(a.frequency()).isEqualTo(2);
    assertThat(a.recency()).isEqualTo(10.0);
    assertThat(a.age()).isEqualTo(90.0);
    assertThat(a.monetaryValue()).isEqualByComparingTo("2.5");
    assertThat(a.firstPurchaseAmount()).isEqualByComparingTo("1");
  }

  @Test
  void summarize_singlePurchaseDay_zeroFrequencyRecencyAndMonetary() {
    List<Transaction> input = List.of(tx("a", END, "10"), tx("a", END, "2"));

    CustomerRfm a = CalibrationSummaries.summarize(input, END, PeriodUnit.WEEKS).customers().get(0);

    assertThat(a.frequency()).isZero();
    assertThat(a.isRepeater()).isFalse();
    assertThat(a.recency()).isZero();
    // A first purchase on the calibration end itself counts, with age 0.
    assertThat(a.age()).isZero();
    assertThat(a.monetaryValue()).isEqualByComparingTo("0");
    assertThat(a.firstPurchaseAmount()).isEqualByComparingTo("12");
  }

  @Test
  void summarize_purchasesAfterCalibrationEnd_ignored() {
    List<Transaction> input =
        List.of(tx("a", D1, "1"), tx("a", END, "7"), tx("a", END.plusDays(1), "100"));

    CustomerRfm a = CalibrationSummaries.summarize(input, END, PeriodUnit.DAYS).customers().get(0);

    assertThat(a.frequency()).isEqualTo(1);
    assertThat(a.recency()).isEqualTo(90.0);
    assertThat(a.monetaryValue()).isEqualByComparingTo("7");
  }

  @Test
  void summarize_customersFirstBuyingAfterEnd_excludedAndCounted() {
    List<Transaction> input =
        List.of(
            tx("late1", END.plusDays(1), "5"),
            tx("a", D1, "1"),
            tx("late2", END.plusDays(30), "5"),
            tx("late2", END.plusDays(31), "5"),
            tx("b", D1.plusDays(3), "2"));

    Summaries summaries = CalibrationSummaries.summarize(input, END, PeriodUnit.DAYS);

    // Order of first appearance in the input.
    assertThat(summaries.customers()).extracting(CustomerRfm::customerId).containsExactly("a", "b");
    assertThat(summaries.excludedCustomers()).isEqualTo(2);
    assertThat(summaries.find("late1")).isEmpty();
    assertThat(summaries.find("b")).get().extracting(CustomerRfm::age).isEqualTo(87.0);
  }

  @Test
  void summarize_emptyInput_emptyResult() {
    Summaries summaries = CalibrationSummaries.summarize(List.of(), END, PeriodUnit.WEEKS);

    assertThat(summaries.customers()).isEmpty();
    assertThat(summaries.excludedCustomers()).isZero();
    assertThat(summaries.totalRepeatPurchases()).isZero();
  }

  @Test
  void summarize_calibrationEndBeforeEveryTransaction_throwsNamingCalibrationEnd() {
    List<Transaction> input = List.of(tx("a", D1, "1"), tx("b", D1.plusDays(2), "1"));

    assertThatThrownBy(() -> CalibrationSummaries.summarize(input, D1.minusDays(1), PeriodUnit.WEEKS))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("calibrationEnd");
              assertThat(e.reason()).contains("before every transaction").contains(D1.toString());
            });
  }

  @Test
  void summarize_nullElement_throwsNamingIndex() {
    List<Transaction> input = new ArrayList<>(Arrays.asList(tx("a", D1, "1"), null));

    assertThatThrownBy(() -> CalibrationSummaries.summarize(input, END, PeriodUnit.WEEKS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("transactions[1]"));
  }

  @Test
  void summarize_nullArguments_throwNamingArgument() {
    List<Transaction> input = List.of(tx("a", D1, "1"));

    assertThatThrownBy(() -> CalibrationSummaries.summarize(input, nullDay(), PeriodUnit.WEEKS))
        .isInstanceOf(NullPointerException.class).hasMessage("calibrationEnd");
    assertThatThrownBy(() -> CalibrationSummaries.summarize(input, END, nullUnit()))
        .isInstanceOf(NullPointerException.class).hasMessage("unit");
  }

  @Test
  void transaction_blankOrNullId_throwsNamingCustomerId() {
    for (String id : Arrays.asList(null, "", "  ")) {
      assertThatThrownBy(() -> new Transaction(id, D1, BigDecimal.ONE))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("customerId"));
    }
  }

  @Test
  void transaction_negativeAmount_throwsNamingAmount() {
    assertThatThrownBy(() -> tx("a", D1, "-0.01"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("amount");
              assertThat(e.reason()).contains("-0.01");
            });
  }

  @Test
  void transaction_zeroAmount_accepted() {
    assertThat(tx("a", D1, "0").amount()).isEqualByComparingTo("0");
  }

  @Test
  void transaction_nullDayOrAmount_throwsNamingField() {
    assertThatThrownBy(() -> new Transaction("a", nullDay(), BigDecimal.ONE))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("day"));
    assertThatThrownBy(() -> new Transaction("a", D1, nullAmount()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("amount"));
  }

  @Test
  void transactionAt_instantLateInUtcDay_usesUtcDay() {
    Transaction t = Transaction.at("a", Instant.parse("2024-01-01T23:59:59Z"), BigDecimal.ONE);

    assertThat(t.day()).isEqualTo(D1);
  }

  @Test
  void transactionAt_anyInstant_theUtcDayOfTheJdk() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.EPOCH.minusNanos(1),
        Instant.ofEpochSecond(-86_400), Instant.ofEpochSecond(-86_401), Instant.ofEpochSecond(86_399, 999_999_999),
        Instant.ofEpochSecond(86_400), Instant.parse("-999999999-01-01T00:00:00Z"),
        Instant.parse("+999999999-12-31T23:59:59.999999999Z")));
    for (int i = 0; i < 10_000; i++) {
      instants.add(Instant.ofEpochSecond(random.nextLong(-400L * 366 * 86_400, 400L * 366 * 86_400),
          random.nextInt(1_000_000_000)));
    }
    for (Instant at : instants) {
      assertThat(Transaction.at("a", at, BigDecimal.ONE).day()).as(at.toString())
          .isEqualTo(LocalDate.ofInstant(at, java.time.ZoneOffset.UTC));
    }
    // Beyond LocalDate's years, both refuse alike.
    assertThatThrownBy(() -> Transaction.at("a", Instant.MAX, BigDecimal.ONE))
        .isInstanceOf(java.time.DateTimeException.class);
    assertThatThrownBy(() -> LocalDate.ofInstant(Instant.MAX, java.time.ZoneOffset.UTC))
        .isInstanceOf(java.time.DateTimeException.class);
  }

  @Test
  void split_holdoutPurchases_countedPerDayInHalfOpenWindow() {
    List<Transaction> input =
        List.of(
            tx("a", D1, "1"),
            tx("a", END, "2"), // calibration (on the end day)
            tx("a", END.plusDays(1), "3"), // holdout, first day
            tx("a", END.plusDays(1), "4"), // same day: merged
            tx("a", END.plusDays(14), "5"), // holdout, last day
            tx("a", END.plusDays(15), "99"), // after holdout: ignored
            tx("b", D1, "1"),
            tx("late", END.plusDays(2), "8")); // first buys in holdout: excluded entirely

    CalibrationHoldoutSplit split =
        CalibrationSummaries.split(input, END, END.plusDays(14), PeriodUnit.WEEKS);

    assertThat(split.holdoutDuration()).isEqualTo(2.0);
    assertThat(split.holdoutEnd()).isEqualTo(END.plusDays(14));
    assertThat(split.calibration().excludedCustomers()).isEqualTo(1);
    assertThat(split.holdout())
        .containsExactly(
            new HoldoutActivity("a", 2, new BigDecimal("12")), new HoldoutActivity("b", 0, BigDecimal.ZERO));
    assertThat(split.totalHoldoutPurchases()).isEqualTo(2);
    assertThat(split.calibration().find("a")).get().extracting(CustomerRfm::frequency).isEqualTo(1);
    // a's repeat days only: b has none, "late" is not in the split and day END + 15 is after the holdout.
    assertThat(split.repeatPurchasesByDay())
        .containsExactly(entry(END, 1), entry(END.plusDays(1), 1), entry(END.plusDays(14), 1));
  }

  @Test
  void split_repeatPurchasesByDay_countsCustomersPerDayAndIsImmutable() {
    List<Transaction> input =
        List.of(
            tx("a", D1, "1"),
            tx("b", D1.plusDays(1), "1"),
            tx("a", D1.plusDays(5), "1"),
            tx("b", D1.plusDays(5), "1"),
            tx("b", D1.plusDays(5), "1"), // same day as the previous: one purchase day
            tx("c", D1.plusDays(5), "1"), // c's first purchase: not a repeat
            tx("c", END.plusDays(3), "1"),
            tx("a", END.plusDays(3), "1"));

    CalibrationHoldoutSplit split = CalibrationSummaries.split(input, END, END.plusDays(7), PeriodUnit.DAYS);

    assertThat(split.repeatPurchasesByDay()).containsExactly(entry(D1.plusDays(5), 2), entry(END.plusDays(3), 2));
    assertThatThrownBy(() -> split.repeatPurchasesByDay().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  /**
   * Random shops (customers whose purchases arrive scattered, several on one day, amounts of different scales)
   * against a reference written the plain way, per customer a sorted map of days: the same summaries, holdout
   * counts and amounts (scale included) and repeat days, whatever the order of the transactions.
   */
  @Test
  void split_randomShops_sameAsAPerCustomerSortedMapReference() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(2026_12_07);
    String[] amounts = {"1", "2.5", "0.25", "10.125", "0", "7.10"};
    for (int shop = 0; shop < 200; shop++) {
      List<Transaction> input = new ArrayList<>();
      int customers = 1 + random.nextInt(12);
      int transactions = random.nextInt(80);
      for (int i = 0; i < transactions; i++) {
        input.add(tx("c" + random.nextInt(customers), D1.plusDays(random.nextInt(150)),
            amounts[random.nextInt(amounts.length)]));
      }
      if (shop % 2 == 0) {
        input.sort(Comparator.comparing(Transaction::customerId).thenComparing(Transaction::day));
      }
      LocalDate end = D1.plusDays(random.nextInt(100));
      LocalDate holdoutEnd = end.plusDays(1 + random.nextInt(60));
      PeriodUnit unit = random.nextBoolean() ? PeriodUnit.DAYS : PeriodUnit.WEEKS;

      Map<String, NavigableMap<LocalDate, BigDecimal>> daily = new java.util.LinkedHashMap<>();
      for (Transaction t : input) {
        daily.computeIfAbsent(t.customerId(), id -> new TreeMap<>()).merge(t.day(), t.amount(), BigDecimal::add);
      }
      List<CustomerRfm> summaries = new ArrayList<>();
      List<HoldoutActivity> holdout = new ArrayList<>();
      NavigableMap<LocalDate, Integer> repeats = new TreeMap<>();
      int excluded = 0;
      for (Map.Entry<String, NavigableMap<LocalDate, BigDecimal>> e : daily.entrySet()) {
        NavigableMap<LocalDate, BigDecimal> days = e.getValue();
        NavigableMap<LocalDate, BigDecimal> calibration = days.headMap(end, true);
        if (calibration.isEmpty()) {
          excluded++;
          continue;
        }
        BigDecimal repeatAmount = calibration.tailMap(calibration.firstKey(), false).values().stream()
            .reduce(BigDecimal.ZERO, BigDecimal::add);
        summaries.add(CustomerRfm.fromPurchaseDays(e.getKey(), calibration.firstKey(),
            calibration.firstEntry().getValue(), calibration.lastKey(), calibration.size() - 1, repeatAmount, end,
            unit));
        NavigableMap<LocalDate, BigDecimal> inHoldout = days.subMap(end, false, holdoutEnd, true);
        holdout.add(new HoldoutActivity(e.getKey(), inHoldout.size(),
            inHoldout.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        for (LocalDate day : days.subMap(days.firstKey(), false, holdoutEnd, true).keySet()) {
          repeats.merge(day, 1, Integer::sum);
        }
      }
      String what = "shop " + shop + ": " + input;
      if (summaries.isEmpty() && !daily.isEmpty()) {
        assertThatThrownBy(() -> CalibrationSummaries.split(input, end, holdoutEnd, unit)).as(what)
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("calibrationEnd");
        continue;
      }
      CalibrationHoldoutSplit split = CalibrationSummaries.split(input, end, holdoutEnd, unit);
      assertThat(split.calibration().customers()).as(what).isEqualTo(summaries);
      assertThat(split.calibration().excludedCustomers()).as(what).isEqualTo(excluded);
      assertThat(split.holdout()).as(what).isEqualTo(holdout);
      assertThat(split.repeatPurchasesByDay()).as(what).isEqualTo(repeats);
      assertThat(CalibrationSummaries.summarize(input, end, unit).customers()).as(what).isEqualTo(summaries);
    }
  }

  @Test
  void splitConstructor_inconsistentRepeatPurchasesByDay_throwsNamingIt() {
    List<Transaction> input = List.of(tx("a", D1, "1"), tx("a", D1.plusDays(3), "1"), tx("a", END.plusDays(1), "1"));
    CalibrationHoldoutSplit split = CalibrationSummaries.split(input, END, END.plusDays(7), PeriodUnit.DAYS);
    TreeMap<LocalDate, Integer> valid = new TreeMap<>(split.repeatPurchasesByDay());
    assertThat(withRepeats(split, valid).repeatPurchasesByDay()).isEqualTo(valid);

    TreeMap<LocalDate, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.putAll(valid);
    assertThat(withRepeats(split, reversed).repeatPurchasesByDay().firstKey()).isEqualTo(D1.plusDays(3));

    List<TreeMap<LocalDate, Integer>> invalid = new ArrayList<>();
    invalid.add(new TreeMap<>()); // counts do not add up
    invalid.add(new TreeMap<>(Map.of(D1.plusDays(3), 2, END.plusDays(1), 1))); // calibration count too high
    invalid.add(new TreeMap<>(Map.of(D1.plusDays(3), 1, END.plusDays(1), 0, END.plusDays(2), 1))); // zero count
    invalid.add(new TreeMap<>(Map.of(D1, 1, END.plusDays(1), 1))); // on the first purchase day
    invalid.add(new TreeMap<>(Map.of(D1.plusDays(3), 1, END.plusDays(8), 1))); // after the holdout end
    TreeMap<LocalDate, Integer> nullCount = new TreeMap<>(valid);
    nullCount.put(D1.plusDays(4), null);
    invalid.add(nullCount);
    for (TreeMap<LocalDate, Integer> repeats : invalid) {
      assertThatThrownBy(() -> withRepeats(split, repeats))
          .as(repeats.toString())
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("repeatPurchasesByDay"));
    }
  }

  @Test
  void splitConstructor_noCustomers_acceptsOnlyNoRepeats() {
    CalibrationHoldoutSplit empty = CalibrationSummaries.split(List.of(), END, END.plusDays(7), PeriodUnit.DAYS);
    assertThat(empty.calibration().customers()).isEmpty();
    assertThat(empty.repeatPurchasesByDay()).isEmpty();

    assertThatThrownBy(() -> withRepeats(empty, new TreeMap<>(Map.of(END, 1))))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("repeatPurchasesByDay"));
  }

  private static CalibrationHoldoutSplit withRepeats(
      CalibrationHoldoutSplit split, NavigableMap<LocalDate, Integer> repeats) {
    return new CalibrationHoldoutSplit(
        split.calibration(), split.holdoutEnd(), split.holdoutDuration(), split.holdout(), repeats);
  }

  @Test
  void split_holdoutEndNotAfterCalibrationEnd_throwsNamingHoldoutEnd() {
    List<Transaction> input = List.of(tx("a", D1, "1"));

    for (LocalDate holdoutEnd : List.of(END, END.minusDays(1))) {
      assertThatThrownBy(() -> CalibrationSummaries.split(input, END, holdoutEnd, PeriodUnit.DAYS))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("holdoutEnd"));
    }
  }

  @Test
  void periodUnit_weeks_dayDifferenceOverSeven() {
    assertThat(PeriodUnit.WEEKS.days()).isEqualTo(7);
    assertThat(PeriodUnit.DAYS.days()).isEqualTo(1);
    assertThat(PeriodUnit.WEEKS.between(D1, D1.plusDays(10))).isEqualTo(10 / 7.0);
    assertThat(PeriodUnit.DAYS.between(D1.plusDays(3), D1)).isEqualTo(-3.0);
  }

  @Test
  void summaries_customersList_isImmutable() {
    Summaries summaries = CalibrationSummaries.summarize(List.of(tx("a", D1, "1")), END, PeriodUnit.DAYS);

    assertThatThrownBy(() -> summaries.customers().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  // Nulls typed through helpers: the API is @NullMarked, these tests check the guard for callers that ignore it.
  @SuppressWarnings("NullAway")
  private static LocalDate nullDay() {
    return null;
  }

  @SuppressWarnings("NullAway")
  private static BigDecimal nullAmount() {
    return null;
  }

  @SuppressWarnings("NullAway")
  private static PeriodUnit nullUnit() {
    return null;
  }
}
