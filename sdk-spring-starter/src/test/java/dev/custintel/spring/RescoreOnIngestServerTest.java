package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server re-scores a customer whose orders a batch changed (their profile's scores move to the day of the new
 * purchase), and does not with {@code custintel.models.rescore-on-ingest=false}.
 */
class RescoreOnIngestServerTest {

  @Test
  void aBatchRescoresItsCustomersUnlessSwitchedOff() {
    try (TestDatabase db = TestDatabase.h2()) {
      try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db.jdbcUrl()).build()) {
        ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
        ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 9, 30)).backtest(false)
            .noAffinity().build());
      }
      try (TestServer off = TestServer.start("spring.datasource.url=" + db.jdbcUrl(),
          "custintel.security.enabled=false", "custintel.models.rescore-on-ingest=false")) {
        assertThat(post(off, "o-1", "1998-08-01")).isEqualTo(200);
        assertThat(scoredAsOf(off)).isEqualTo("1997-09-30");
      }
      try (TestServer on = TestServer.start("spring.datasource.url=" + db.jdbcUrl(),
          "custintel.security.enabled=false")) {
        assertThat(post(on, "o-2", "1998-08-02")).isEqualTo(200);
        assertThat(scoredAsOf(on)).isEqualTo("1998-08-02");
      }
    }
  }

  private static int post(TestServer server, String orderId, String day) {
    String batch = "{\"orders\":[{\"id\":\"" + orderId + "\",\"customerId\":\"00004\",\"placedAt\":\"" + day
        + "T10:00:00Z\",\"currency\":\"USD\",\"lines\":[{\"productId\":\"p-1\",\"quantity\":1,\"amount\":20.00}]}]}";
    return server.call("POST", "/api/orders", batch, Map.of()).status();
  }

  private static String scoredAsOf(TestServer server) {
    return server.call("GET", "/api/customers/00004", null, Map.of()).json().path("scores").path("scoredAsOf")
        .asText();
  }
}
