package dev.custintel.integrations.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class ExchangeTest {

  @Test
  void retryAfter_secondsOrFractions_otherwiseIgnored() {
    assertThat(Exchange.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(Exchange.retryAfter(" 0.25 ")).isEqualTo(Duration.ofMillis(250));
    assertThat(Exchange.retryAfter("0")).isEqualTo(Duration.ZERO);
    assertThat(Exchange.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    assertThat(Exchange.retryAfter("-1")).isNull();
    assertThat(Exchange.retryAfter("NaN")).isNull();
    assertThat(Exchange.retryAfter("86400")).isNull();
    assertThat(Exchange.retryAfter("")).isNull();
    assertThat(Exchange.retryAfter(null)).isNull();
  }

  @Test
  void retryAfter_headerNameInAnyCase() {
    // Gorgias spells it Retry-after, Slack Retry-After.
    Exchange e = new Exchange(429, "", Headers.of("retry-AFTER", "3"), 1, 0);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(new Exchange(429, "", Headers.of(), 1, 0).retryAfter()).isNull();
  }
}
