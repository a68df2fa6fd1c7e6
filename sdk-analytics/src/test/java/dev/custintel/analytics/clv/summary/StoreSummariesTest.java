package dev.custintel.analytics.clv.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StoreSummaries}: the same summaries as {@link CalibrationSummaries} over the store's
 * purchases in one currency. On H2 and on PostgreSQL, a fresh database for each test.
 */
class StoreSummariesTest extends OnBothDatabases {

  private static final Currency USD = Currency.getInstance("USD");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final LocalDate CDNOW_CALIBRATION_END = LocalDate.of(1997, 9, 30);
  private static final LocalDate CDNOW_HOLDOUT_END = LocalDate.of(1998, 6, 30);
  private static final double EPS = 1e-9;

  private TestDatabase database;
  private CustintelStore store;

  @BeforeEach
  void openStore() {
    database = newDatabase.get();
    store = database.configure(CustintelStore.builder()).build();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void summarize_cdnowSampleWeeks_matchesInMemorySummariesOfEveryCustomer() throws IOException {
    Path file = TestData.file("clv/CDNOW_sample.txt");
    store.ingestion().importFile(file, ImportFormat.CDNOW, ImportOptions.defaults());

    Summaries actual = StoreSummaries.summarize(store, USD, CDNOW_CALIBRATION_END, PeriodUnit.WEEKS);
    Summaries expected =
        CalibrationSummaries.summarize(masterIdTransactions(file), CDNOW_CALIBRATION_END, PeriodUnit.WEEKS);

    assertThat(actual.customers()).hasSize(2_357);
    assertThat(actual.customers().stream().filter(c -> c.frequency() == 0)).hasSize(1_411);
    assertThat(actual.totalRepeatPurchases()).isEqualTo(2_457);
    assertThat(actual.excludedCustomers()).isZero();
    assertThat(actual.calibrationEnd()).isEqualTo(CDNOW_CALIBRATION_END);
    assertThat(actual.unit()).isEqualTo(PeriodUnit.WEEKS);
    assertThat(actual.customers()).isSortedAccordingTo(Comparator.comparing(CustomerRfm::customerId));
    assertSameCustomers(actual.customers(), expected.customers());
  }

  @Test
  void split_cdnowSampleWeeks_matchesInMemorySplit() throws IOException {
    Path file = TestData.file("clv/CDNOW_sample.txt");
    store.ingestion().importFile(file, ImportFormat.CDNOW, ImportOptions.defaults());

    CalibrationHoldoutSplit actual =
        StoreSummaries.split(store, USD, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, PeriodUnit.WEEKS);
    CalibrationHoldoutSplit expected =
        CalibrationSummaries.split(
            masterIdTransactions(file), CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, PeriodUnit.WEEKS);

    assertSameCustomers(actual.calibration().customers(), expected.calibration().customers());
    assertThat(actual.holdoutEnd()).isEqualTo(CDNOW_HOLDOUT_END);
    assertThat(actual.holdoutDuration()).isCloseTo(expected.holdoutDuration(), within(EPS));
    assertThat(actual.totalHoldoutPurchases()).isEqualTo(expected.totalHoldoutPurchases());
    assertThat(actual.holdout()).hasSameSizeAs(actual.calibration().customers());
    assertThat(actual.repeatPurchasesByDay()).isEqualTo(expected.repeatPurchasesByDay());
    assertThat(actual.repeatPurchasesByDay().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4_339);
    Map<String, HoldoutActivity> expectedById =
        expected.holdout().stream().collect(Collectors.toMap(HoldoutActivity::customerId, h -> h));
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < actual.holdout().size(); i++) {
      HoldoutActivity a = actual.holdout().get(i);
      soft.assertThat(a.customerId()).isEqualTo(actual.calibration().customers().get(i).customerId());
      HoldoutActivity e = expectedById.get(a.customerId());
      soft.assertThat(a.purchases()).as(a.customerId() + " holdout purchases").isEqualTo(e.purchases());
      soft.assertThat(a.amount()).as(a.customerId() + " holdout amount").isEqualByComparingTo(e.amount());
    }
    soft.assertAll();
  }

  @Test
  void summarize_otherCurrency_isIgnored() {
    store.ingestion()
        .upsertOrders(
            List.of(
                purchase("o1", "A", "2024-01-01T10:00:00Z", USD, "10.00"),
                purchase("o2", "A", "2024-01-08T10:00:00Z", USD, "20.00"),
                purchase("o3", "A", "2024-01-09T10:00:00Z", EUR, "99.00"),
                purchase("o4", "B", "2024-01-02T10:00:00Z", EUR, "50.00")));

    Summaries summaries = StoreSummaries.summarize(store, USD, LocalDate.of(2024, 1, 31), PeriodUnit.DAYS);

    assertThat(summaries.customers()).extracting(CustomerRfm::customerId).containsExactly("A");
    assertThat(summaries.excludedCustomers()).isZero();
    CustomerRfm a = summaries.customers().get(0);
    assertThat(a.frequency()).isEqualTo(1);
    assertThat(a.recency()).isEqualTo(7.0);
    assertThat(a.age()).isEqualTo(30.0);
    assertThat(a.monetaryValue()).isEqualByComparingTo("20.00");

    Summaries euro = StoreSummaries.summarize(store, EUR, LocalDate.of(2024, 1, 31), PeriodUnit.DAYS);
    assertThat(euro.customers()).extracting(CustomerRfm::customerId).containsExactly("A", "B");
    assertThat(euro.find("A").orElseThrow().frequency()).isZero();
    assertThat(euro.find("A").orElseThrow().firstPurchaseAmount()).isEqualByComparingTo("99.00");
  }

  @Test
  void summarize_returnOrder_isIgnored() {
    store.ingestion()
        .upsertOrders(
            List.of(
                purchase("o1", "A", "2024-01-01T10:00:00Z", USD, "10.00"),
                order("r1", "A", "2024-01-05T10:00:00Z", USD, OrderKind.RETURN, "10.00")));

    CustomerRfm a =
        StoreSummaries.summarize(store, USD, LocalDate.of(2024, 1, 15), PeriodUnit.DAYS).customers().get(0);

    assertThat(a.frequency()).isZero();
    assertThat(a.recency()).isZero();
    assertThat(a.age()).isEqualTo(14.0);
    assertThat(a.monetaryValue()).isEqualByComparingTo("0");
    assertThat(a.firstPurchaseAmount()).isEqualByComparingTo("10.00");
  }

  @Test
  void summarize_sameUtcDayOrders_mergeIntoOnePurchase() {
    store.ingestion()
        .upsertOrders(
            List.of(
                purchase("o1", "A", "2024-01-01T00:00:00Z", USD, "10.00"),
                purchase("o2", "A", "2024-01-01T23:59:59Z", USD, "5.50"),
                purchase("o3", "A", "2024-01-03T00:30:00Z", USD, "7.00"),
                // 2024-01-02T23:30-05:00 is 2024-01-03T04:30Z: the same UTC day as o3.
                purchase("o4", "A", "2024-01-03T04:30:00Z", USD, "3.00"),
                purchase("o5", "A", "2024-01-10T12:00:00Z", USD, "4.00")));

    CustomerRfm a =
        StoreSummaries.summarize(store, USD, LocalDate.of(2024, 1, 15), PeriodUnit.WEEKS).customers().get(0);

    assertThat(a.frequency()).isEqualTo(2);
    assertThat(a.firstPurchaseDay()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(a.firstPurchaseAmount()).isEqualByComparingTo("15.50");
    assertThat(a.recency()).isCloseTo(9 / 7.0, within(EPS));
    assertThat(a.age()).isCloseTo(14 / 7.0, within(EPS));
    assertThat(a.monetaryValue()).isEqualByComparingTo("7.00"); // (10 + 4) / 2
  }

  @Test
  void summarize_purchasesAfterCalibrationEnd_areIgnoredAndLateCustomersCounted() {
    store.ingestion()
        .upsertOrders(
            List.of(
                purchase("o1", "A", "2024-01-01T10:00:00Z", USD, "10.00"),
                purchase("o2", "A", "2024-01-15T23:59:59Z", USD, "6.00"),
                purchase("o3", "A", "2024-01-16T00:00:00Z", USD, "8.00"),
                purchase("o4", "B", "2024-01-16T00:00:00Z", USD, "30.00"),
                purchase("o5", "C", "2024-03-01T00:00:00Z", USD, "30.00")));

    Summaries summaries = StoreSummaries.summarize(store, USD, LocalDate.of(2024, 1, 15), PeriodUnit.DAYS);

    assertThat(summaries.customers()).extracting(CustomerRfm::customerId).containsExactly("A");
    assertThat(summaries.excludedCustomers()).isEqualTo(2);
    CustomerRfm a = summaries.customers().get(0);
    assertThat(a.frequency()).isEqualTo(1);
    assertThat(a.recency()).isEqualTo(14.0);
    assertThat(a.monetaryValue()).isEqualByComparingTo("6.00");
  }

  @Test
  void splitAndSummarize_isSplitPlusSummarizeAtTheHoldoutEnd_fromOneRead() {
    List<Order> orders =
        List.of(
            purchase("o1", "A", "2024-01-01T10:00:00Z", USD, "10.00"),
            purchase("o2", "A", "2024-01-15T23:59:59Z", USD, "6.00"),
            purchase("o3", "A", "2024-01-16T00:00:00Z", USD, "8.00"),
            purchase("o4", "A", "2024-02-01T00:00:00Z", USD, "1.00"),
            purchase("o5", "B", "2024-01-10T00:00:00Z", USD, "3.00"),
            purchase("o6", "C", "2024-01-20T00:00:00Z", USD, "30.00"),
            purchase("o7", "C", "2024-01-25T00:00:00Z", USD, "5.00"),
            purchase("o8", "D", "2024-02-03T00:00:00Z", USD, "7.00"),
            purchase("o9", "E", "2024-01-05T00:00:00Z", EUR, "9.00"));
    store.ingestion().upsertOrders(orders);
    LocalDate calibrationEnd = LocalDate.of(2024, 1, 15);
    LocalDate holdoutEnd = LocalDate.of(2024, 1, 31);

    StoreSummaries.SplitAndSummaries both =
        StoreSummaries.splitAndSummarize(store, USD, calibrationEnd, holdoutEnd, PeriodUnit.WEEKS);

    assertThat(both.split())
        .isEqualTo(StoreSummaries.split(store, USD, calibrationEnd, holdoutEnd, PeriodUnit.WEEKS));
    Summaries whole = StoreSummaries.summarize(store, USD, holdoutEnd, PeriodUnit.WEEKS);
    assertThat(both.summaries()).isEqualTo(whole);
    // C first bought in the holdout: in the whole period, not in the calibration; D after both; E another currency.
    assertThat(both.summaries().customers()).extracting(CustomerRfm::customerId).containsExactly("A", "B", "C");
    assertThat(both.summaries().excludedCustomers()).isEqualTo(1);
    assertThat(both.split().calibration().customers()).extracting(CustomerRfm::customerId).containsExactly("A", "B");
  }

  @Test
  void splitAndSummarize_cdnow_isSplitPlusSummarize() throws IOException {
    Path file = TestData.file("clv/CDNOW_sample.txt");
    store.ingestion().importFile(file, ImportFormat.CDNOW, ImportOptions.defaults());

    StoreSummaries.SplitAndSummaries both = StoreSummaries.splitAndSummarize(
        store, USD, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, PeriodUnit.WEEKS);

    assertThat(both.split()).isEqualTo(
        StoreSummaries.split(store, USD, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, PeriodUnit.WEEKS));
    assertThat(both.summaries())
        .isEqualTo(StoreSummaries.summarize(store, USD, CDNOW_HOLDOUT_END, PeriodUnit.WEEKS));
    assertThat(both.summaries().customers()).hasSize(2_357);
  }

  @Test
  void split_smallStore_matchesInMemorySplit() {
    List<Order> orders =
        List.of(
            purchase("o1", "A", "2024-01-01T10:00:00Z", USD, "10.00"),
            purchase("o2", "A", "2024-01-15T23:59:59Z", USD, "6.00"),
            purchase("o3", "A", "2024-01-16T00:00:00Z", USD, "8.00"),
            purchase("o4", "A", "2024-01-16T08:00:00Z", USD, "2.00"),
            purchase("o5", "A", "2024-02-01T00:00:00Z", USD, "1.00"),
            purchase("o6", "B", "2024-01-10T00:00:00Z", USD, "3.00"),
            purchase("o7", "C", "2024-01-20T00:00:00Z", USD, "30.00"),
            purchase("o8", "C", "2024-01-25T00:00:00Z", USD, "5.00"));
    store.ingestion().upsertOrders(orders);
    LocalDate calibrationEnd = LocalDate.of(2024, 1, 15);
    LocalDate holdoutEnd = LocalDate.of(2024, 1, 31);

    CalibrationHoldoutSplit actual =
        StoreSummaries.split(store, USD, calibrationEnd, holdoutEnd, PeriodUnit.DAYS);
    CalibrationHoldoutSplit expected =
        CalibrationSummaries.split(transactions(orders), calibrationEnd, holdoutEnd, PeriodUnit.DAYS);

    assertSameCustomers(actual.calibration().customers(), expected.calibration().customers());
    assertThat(actual.calibration().excludedCustomers()).isEqualTo(1);
    assertThat(actual.holdoutDuration()).isEqualTo(16.0);
    assertThat(actual.holdout()).extracting(HoldoutActivity::customerId).containsExactly("A", "B");
    assertThat(actual.holdout()).extracting(HoldoutActivity::purchases).containsExactly(1, 0);
    assertThat(actual.holdout().get(0).amount()).isEqualByComparingTo("10.00");
    assertThat(actual.holdout().get(1).amount()).isEqualByComparingTo("0");
    // A's repeat days (o3 and o4 merge; o5 is after the holdout); C, first buying in the holdout, is left out.
    assertThat(actual.repeatPurchasesByDay())
        .isEqualTo(expected.repeatPurchasesByDay())
        .containsExactly(Map.entry(LocalDate.of(2024, 1, 15), 1), Map.entry(LocalDate.of(2024, 1, 16), 1));
  }

  @Test
  void summarize_calibrationEndBeforeEveryPurchase_namesCalibrationEnd() {
    List<Order> orders = List.of(purchase("o1", "A", "2024-01-01T10:00:00Z", USD, "10.00"));
    store.ingestion().upsertOrders(orders);
    LocalDate calibrationEnd = LocalDate.of(2023, 12, 31);

    assertThatThrownBy(() -> CalibrationSummaries.summarize(transactions(orders), calibrationEnd, PeriodUnit.DAYS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("calibrationEnd"));
    assertThatThrownBy(() -> StoreSummaries.summarize(store, USD, calibrationEnd, PeriodUnit.DAYS))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("calibrationEnd");
              assertThat(e.reason()).contains("2023-12-31").contains("2024-01-01");
            });
  }

  @Test
  void summarize_noPurchaseInCurrency_isEmpty() {
    store.ingestion().upsertOrders(List.of(purchase("o1", "A", "2024-01-01T10:00:00Z", EUR, "10.00")));

    Summaries summaries = StoreSummaries.summarize(store, USD, LocalDate.of(2024, 1, 31), PeriodUnit.DAYS);

    assertThat(summaries.customers()).isEmpty();
    assertThat(summaries.excludedCustomers()).isZero();
  }

  @Test
  void arguments_nullOrHoldoutNotAfterCalibration_areNamed() {
    LocalDate end = LocalDate.of(2024, 1, 31);
    assertThatThrownBy(() -> StoreSummaries.summarize(store, null, end, PeriodUnit.DAYS))
        .isInstanceOf(NullPointerException.class).hasMessage("currency");
    assertThatThrownBy(() -> StoreSummaries.split(store, USD, end, end, PeriodUnit.DAYS))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("holdoutEnd"));
  }

  private static void assertSameCustomers(List<CustomerRfm> actual, List<CustomerRfm> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    Map<String, CustomerRfm> expectedById =
        expected.stream().collect(Collectors.toMap(CustomerRfm::customerId, c -> c));
    SoftAssertions soft = new SoftAssertions();
    for (CustomerRfm a : actual) {
      CustomerRfm e = expectedById.get(a.customerId());
      String id = "customer " + a.customerId();
      soft.assertThat(e).as(id).isNotNull();
      if (e == null) {
        continue;
      }
      soft.assertThat(a.frequency()).as(id + " x").isEqualTo(e.frequency());
      soft.assertThat(a.recency()).as(id + " t_x").isCloseTo(e.recency(), within(EPS));
      soft.assertThat(a.age()).as(id + " T").isCloseTo(e.age(), within(EPS));
      soft.assertThat(a.monetaryValue().doubleValue())
          .as(id + " monetary")
          .isCloseTo(e.monetaryValue().doubleValue(), within(0.005));
      soft.assertThat(a.firstPurchaseAmount()).as(id + " first amount").isEqualByComparingTo(e.firstPurchaseAmount());
      soft.assertThat(a.firstPurchaseDay()).as(id + " first day").isEqualTo(e.firstPurchaseDay());
    }
    soft.assertAll();
  }

  /** The rows of a 5-column CDNOW sample file: customer = master id (column 1), day = column 3, amount = 5. */
  private static List<Transaction> masterIdTransactions(Path file) throws IOException {
    List<Transaction> result = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      result.add(
          Transaction.of(f[0], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])));
    }
    return result;
  }

  private static List<Transaction> transactions(List<Order> orders) {
    return orders.stream()
        .filter(o -> o.kind() == OrderKind.PURCHASE)
        .map(o -> Transaction.at(o.customerId(), o.placedAt(), o.total().amount()))
        .toList();
  }

  private static Order purchase(String id, String customerId, String at, Currency currency, String amount) {
    return order(id, customerId, at, currency, OrderKind.PURCHASE, amount);
  }

  private static Order order(
      String id, String customerId, String at, Currency currency, OrderKind kind, String amount) {
    return new Order(
        id, customerId, Instant.parse(at), currency, kind, List.of(new OrderLine("P1", 1, new BigDecimal(amount))));
  }
}
