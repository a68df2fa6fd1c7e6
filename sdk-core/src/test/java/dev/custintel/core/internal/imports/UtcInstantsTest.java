package dev.custintel.core.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the orders CSV reads UTC instants without the formatter. Whatever it accepts must be the instant the
 * formatter gives; whatever it is not sure of goes to the formatter.
 */
class UtcInstantsTest {

  @Test
  void parse_instantsAsJavaWritesThem_giveWhatTheFormatterGives() {
    SplittableRandom random = new SplittableRandom(17);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    int[] divisors = {1, 1_000, 1_000_000, 1_000_000_000, 100, 10_000_000};
    for (int k = 0; k < 200_000; k++) {
      int divisor = divisors[k % divisors.length];
      Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1),
          random.nextInt(1_000_000_000) / divisor * divisor);
      String text = instant.toString();
      assertThat(UtcInstants.parse(text)).as(text).isEqualTo(instant).isEqualTo(viaFormatter(text));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z", "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999999Z", "2000-01-01T00:00:00.5Z", "2024-03-01T10:15:30.1234Z", "0000-01-01T00:00:00Z"})
  void parse_edges_giveWhatTheFormatterGives(String text) {
    assertThat(UtcInstants.parse(text)).isEqualTo(viaFormatter(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
      "2024-01-00T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z",
      "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z", "2024-01-01T00:00:00+01:00",
      "2024-01-01t00:00:00z", "2024-01-01T00:00Z", "+10000-01-01T00:00:00Z", "2024-01-01T00:00:00,5Z",
      "2024-01-01 00:00:00Z", "2024-1-01T00:00:00Z", "２０２４-01-01T00:00:00Z", "2024-01-01T00:00:0aZ",
      "2024-01-01T00:00:00Z[UTC]", "2024-01-01T00:00:00.-1Z", "2024-01-01"})
  void parse_anythingElse_isLeftToTheFormatter(String text) {
    assertThat(UtcInstants.parse(text)).isNull();
  }

  private static Instant viaFormatter(String text) {
    return ZonedDateTime.from(DateTimeFormatter.ISO_DATE_TIME.parse(text)).toInstant();
  }
}
