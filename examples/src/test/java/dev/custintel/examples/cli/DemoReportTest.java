package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.analytics.affinity.AffinityOptions;
import dev.custintel.analytics.affinity.CrossSellSuggestion;
import dev.custintel.analytics.affinity.ProductRef;
import dev.custintel.analytics.affinity.ProductRule;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.churn.RiskLevel;
import dev.custintel.analytics.models.AffinityReport;
import dev.custintel.core.customer.CategoryStat;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.ProductStat;
import dev.custintel.core.generate.GeneratedShop;
import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo report's text: number formats and the labels that keep its figures from looking contradictory. */
class DemoReportTest {
  /** A run of four or more digits that is not part of a date, a decimal, a grouped number or an id. */
  static final Pattern UNGROUPED = Pattern.compile("(?<![\\w.,:/-])\\d{4,}(?![\\w-])");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+Z)?");

  private static final Instant FIRST = Instant.parse("2021-08-19T10:15:00Z");
  private static final Instant LAST = Instant.parse("2025-12-30T16:00:00Z");
  private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

  @Test
  void profile_largeFigures_everyAmountAndCountHasThousandsSeparators() {
    DemoCommand.Report report = new DemoCommand.Report();

    report.profile(profile(), true, risk(9_876));

    List<String> lines = report.lines;
    assertThat(lines).contains(
        "  Orders            12,345  (1,234 returns)",
        "  Total spent       1,234,567.89 EUR  (net of returns)",
        "  Average order     1,100.00 EUR",
        "  Last order        2025-12-30  (1,234 days ago)",
        "  Customer for      1,595 days");
    assertThat(lines).anySatisfy(line -> assertThat(line)
        .matches(" +P-0001 +Beans +Coffee +23,456 +10,001 +98,765.43 EUR"));
    assertThat(lines).anySatisfy(line -> assertThat(line).matches(" +Coffee +23,456 +98,765.43 EUR"));
    assertNoUngroupedNumber(lines);
  }

  @Test
  void profile_scoredCustomer_saysTheModelCountsPurchaseDaysBesideTheOrderCount() {
    DemoCommand.Report report = new DemoCommand.Report();

    report.profile(profile(), true, risk(9_876));

    int orders = indexOfPrefix(report.lines, "  Orders ");
    assertThat(report.lines.get(orders + 1)).isEqualTo("  Purchase days     9,877  (the first and 9,876 repeat days"
        + " to 2025-12-31; orders on the same day count once, as the model counts them)");
  }

  @Test
  void profile_unscoredCustomer_hasNoPurchaseDaysLine() {
    DemoCommand.Report report = new DemoCommand.Report();

    report.profile(profile(), false, null);

    assertThat(report.lines).noneMatch(line -> line.contains("Purchase days"));
    assertThat(report.lines.get(1)).isEqualTo("SAMPLE CUSTOMER PROFILE: C-1");
  }

  @Test
  void shop_largeShop_everyAmountAndCountHasThousandsSeparators() {
    DemoCommand.Report report = new DemoCommand.Report();
    ShopGenerator generator = ShopGenerator.builder().seed(7).customers(123_456).months(24)
        .end(LocalDate.of(2025, 12, 31)).currency(java.util.Currency.getInstance("EUR")).build();
    GeneratedShop shop = new GeneratedShop(123_456, 1_234, 1_234_567, 2_345_678, 12_345, 618, FIRST, LAST,
        Money.of("98765432.10", "EUR"), Money.of("12345.67", "EUR"));

    report.title(generator, LocalDate.of(2026, 1, 1));
    report.shop(shop, generator, 1.5, null);

    assertThat(report.lines).anySatisfy(line -> assertThat(line).contains("123,456 customers"));
    assertThat(report.lines).anySatisfy(line -> assertThat(line).matches(" +Orders +1,234,567 +10\\.0 per customer"));
    assertThat(report.lines)
        .anySatisfy(line -> assertThat(line).matches(" +Revenue +98,765,432\\.10 +EUR, net of returns"));
    assertNoUngroupedNumber(report.lines);
  }

  @Test
  void affinity_largeFigures_everyCountLiftAndScoreHasThousandsSeparators() {
    DemoCommand.Report report = new DemoCommand.Report();
    ProductRef beans = new ProductRef("P-0001", "Beans");
    ProductRef filter = new ProductRef("P-0002", "Filters");
    ProductRule rule = new ProductRule(1, List.of(beans), List.of(filter), 12_345, 0.01, 0.5, 1_234.5, 0.001, 2.0);
    AffinityReport found = new AffinityReport(1_234_567, 2_345, 1_000, 5_678, 3_456, false, 1_500.0,
        AffinityOptions.defaults());

    report.affinity(new DemoCommand.Affinity(found, List.of(rule), "C-1",
        List.of(new CrossSellSuggestion(filter, 12_345.6, 10.0, rule))));

    assertThat(report.lines).contains(
        "  Baskets           1,234,567 orders holding 2,345 products",
        "  Rules             3,456 (each in at least 1,000 orders, lift at least 1)");
    assertThat(report.lines)
        .anySatisfy(line -> assertThat(line).matches(" +Beans +Filters +12,345 +50\\.0% +1,234\\.5"));
    assertThat(report.lines).anySatisfy(line -> assertThat(line).matches(" +Filters +Beans +12,345\\.6"));
    assertNoUngroupedNumber(report.lines);
  }

  /** Fails on any number of four or more digits printed without separators (dates and ids aside). */
  static void assertNoUngroupedNumber(List<String> lines) {
    for (String line : lines) {
      Matcher m = UNGROUPED.matcher(DATE.matcher(line).replaceAll("DATE"));
      assertThat(m.find()).as("a number without thousands separators in: %s", line).isFalse();
    }
  }

  private static int indexOfPrefix(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with '" + prefix + "' in " + lines);
  }

  private static CustomerProfile profile() {
    return new CustomerProfile("C-1", "c1@example.com", "Ada", "Spain", null, 12_345, 1_234,
        Money.of("1234567.89", "EUR"), Money.of("1100.00", "EUR"), 0, FIRST, LAST, 1_234L, 1_595L,
        List.of(new ProductStat("P-0001", "Beans", "Coffee", 23_456, 10_001, new BigDecimal("98765.43"))),
        List.of(new CategoryStat("Coffee", 23_456, new BigDecimal("98765.43"))),
        Instant.parse("2026-01-01T00:00:00Z"), null);
  }

  private static ChurnRisk risk(int repeatPurchases) {
    return new ChurnRisk("C-1", 1, AS_OF, 0.1, 0.9, RiskLevel.LOW, repeatPurchases, 1,
        Money.of("12.00", "EUR"), Money.of("1234.00", "EUR"));
  }
}
