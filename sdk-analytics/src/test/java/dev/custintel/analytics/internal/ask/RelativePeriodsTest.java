package dev.custintel.analytics.internal.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each period worked out by hand for "now" = Wednesday 2026-12-09 15:30 UTC (ISO week from Monday 2026-12-07;
 * Q4 2026 from 2026-10-01).
 */
class RelativePeriodsTest {
  private static final Instant NOW = Instant.parse("2026-12-09T15:30:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      revenue today                             | 2026-12-09T00:00:00Z | 2026-12-10T00:00:00Z | today (2026-12-09)
      orders yesterday                          | 2026-12-08T00:00:00Z | 2026-12-09T00:00:00Z | yesterday (2026-12-08)
      top 10 vip customers this month           | 2026-12-01T00:00:00Z | 2027-01-01T00:00:00Z | this month
      revenue last month                        | 2026-11-01T00:00:00Z | 2026-12-01T00:00:00Z | last month
      orders this week                          | 2026-12-07T00:00:00Z | 2026-12-14T00:00:00Z | this week
      orders last week                          | 2026-11-30T00:00:00Z | 2026-12-07T00:00:00Z | last week
      revenue this quarter                      | 2026-10-01T00:00:00Z | 2027-01-01T00:00:00Z | this quarter
      revenue last quarter                      | 2026-07-01T00:00:00Z | 2026-10-01T00:00:00Z | last quarter
      new customers last year                   | 2025-01-01T00:00:00Z | 2026-01-01T00:00:00Z | last year
      revenue in the past 2 weeks               | 2026-11-25T15:30:00Z | 2026-12-09T15:30:00Z | the last 2 weeks
      orders over the last 30 days              | 2026-11-09T15:30:00Z | 2026-12-09T15:30:00Z | the last 30 days
      orders in the last 1 day                  | 2026-12-08T15:30:00Z | 2026-12-09T15:30:00Z | the last 1 day
      revenue past 3 months                     | 2026-09-09T15:30:00Z | 2026-12-09T15:30:00Z | the last 3 months
      revenue in the past year                  | 2025-12-09T15:30:00Z | 2026-12-09T15:30:00Z | the past year
      revenue in the past month                 | 2026-11-09T15:30:00Z | 2026-12-09T15:30:00Z | the past month
      revenue year to date                      | 2026-01-01T00:00:00Z | 2026-12-09T15:30:00Z | year to date
      revenue ytd                               | 2026-01-01T00:00:00Z | 2026-12-09T15:30:00Z | year to date
      revenue mtd                               | 2026-12-01T00:00:00Z | 2026-12-09T15:30:00Z | month to date
      customers since march                     | 2026-03-01T00:00:00Z | 2026-12-09T15:30:00Z | since March 2026
      customers since march 2024                | 2024-03-01T00:00:00Z | 2026-12-09T15:30:00Z | since March 2024
      orders since 2026-06-15                   | 2026-06-15T00:00:00Z | 2026-12-09T15:30:00Z | since 2026-06-15
      orders since 2025                         | 2025-01-01T00:00:00Z | 2026-12-09T15:30:00Z | since 2025
      revenue in march                          | 2026-03-01T00:00:00Z | 2026-04-01T00:00:00Z | March 2026
      revenue in sept 2025                      | 2025-09-01T00:00:00Z | 2025-10-01T00:00:00Z | September 2025
      revenue in q3                             | 2026-07-01T00:00:00Z | 2026-10-01T00:00:00Z | Q3 2026
      revenue in q1 2025                        | 2025-01-01T00:00:00Z | 2025-04-01T00:00:00Z | Q1 2025
      revenue in 2025                           | 2025-01-01T00:00:00Z | 2026-01-01T00:00:00Z | 2025
      revenue between 2026-01-01 and 2026-02-15 | 2026-01-01T00:00:00Z | 2026-02-16T00:00:00Z | 2026-01-01 to 2026-02-15
      revenue from 2026-01-01 to 2026-01-31     | 2026-01-01T00:00:00Z | 2026-02-01T00:00:00Z | 2026-01-01 to 2026-01-31
      """)
  void resolves(String text, String from, String to, String words) {
    Optional<RelativePeriods.Found> found = RelativePeriods.find(text, NOW);
    assertThat(found).isPresent();
    assertThat(found.get().range().from()).isEqualTo(Instant.parse(from));
    assertThat(found.get().range().to()).isEqualTo(Instant.parse(to));
    assertThat(found.get().words()).isEqualTo(words);
    assertThat(text.substring(found.get().start(), found.get().end())).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      revenue in december                       | 2026-12-01T00:00:00Z
      revenue in january                        | 2026-01-01T00:00:00Z
      customers since december                  | 2026-12-01T00:00:00Z
      """)
  void aMonthWithoutAYear_isItsLatestStartNotAfterNow(String text, String from) {
    assertThat(RelativePeriods.find(text, NOW).orElseThrow().range().from()).isEqualTo(Instant.parse(from));
    // In early January the same words mean the December before.
    Instant january = Instant.parse("2027-01-03T10:00:00Z");
    if (text.contains("december")) {
      assertThat(RelativePeriods.find(text, january).orElseThrow().range().from())
          .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      top 10 customers by spend
      which customers are at risk
      customer 00042
      revenue between 2026-03-01 and 2026-01-01
      orders since 2031-01-01
      """)
  void noPeriod(String text) {
    assertThat(RelativePeriods.find(text, NOW)).isEmpty();
  }
}
