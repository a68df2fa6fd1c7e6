package dev.custintel.gorgias.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parsers: datetimes, error bodies (Retry-after: the shared ExchangeTest). */
class WireFormatTest {

  @Test
  void timestamps_withoutOffsetAreUtc_withOffsetAsTheySay() {
    assertThat(Timestamps.parse("2019-07-05T14:42:00.384938")).isEqualTo(Instant.parse("2019-07-05T14:42:00.384938Z"));
    assertThat(Timestamps.parse("2019-07-05T14:42:00-05:00")).isEqualTo(Instant.parse("2019-07-05T19:42:00Z"));
    assertThat(Timestamps.parse("2019-07-05T14:42:00Z")).isEqualTo(Instant.parse("2019-07-05T14:42:00Z"));
    assertThat(Timestamps.parse(null)).isNull();
    assertThat(Timestamps.parse("")).isNull();
    assertThat(Timestamps.format(Instant.parse("2024-05-01T10:15:00Z"))).isEqualTo("2024-05-01T10:15:00Z");
  }

  @Test
  void error_shapesOtherThanTheDocumentedOne_giveWhatTheyCan() {
    assertThat(GorgiasJson.error("not json")).isEqualTo(new GorgiasJson.ApiError(null, Map.of()));
    assertThat(GorgiasJson.error("")).isEqualTo(new GorgiasJson.ApiError(null, Map.of()));
    assertThat(GorgiasJson.error("{\"error\":{\"msg\":\"Bad\",\"data\":{\"limit\":\"Too big.\"}}}"))
        .isEqualTo(new GorgiasJson.ApiError("Bad", Map.of("limit", List.of("Too big."))));
    assertThat(GorgiasJson.error("{\"error\":{\"data\":[\"Whole request wrong.\"]}}"))
        .isEqualTo(new GorgiasJson.ApiError(null, Map.of("_", List.of("Whole request wrong."))));
  }
}
