package dev.custintel.analytics.internal.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberWordsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      top ten vip customers                  | top 10 vip customers
      top twenty-five by spend               | top 25 by spend
      top twenty five by spend               | top 25 by spend
      inactive for ninety days               | inactive for 90 days
      a dozen customers                      | 12 customers
      two dozen customers                    | 24 customers
      a couple of weeks                      | 2 weeks
      a hundred customers                    | 100 customers
      one hundred and twenty days            | 120 days
      two thousand five hundred orders       | 2500 orders
      three million                          | 3000000
      spend over 1,500                       | spend over 1500
      more than 2k revenue                   | more than 2000 revenue
      top 10 customers                       | top 10 customers
      a customer and a product               | a customer and a product
      forty days and nights                  | 40 days and nights
      fourty days                            | 40 days
      zero orders                            | 0 orders
      """)
  void digits(String words, String expected) {
    assertThat(NumberWords.digits(words)).isEqualTo(expected);
  }
}
