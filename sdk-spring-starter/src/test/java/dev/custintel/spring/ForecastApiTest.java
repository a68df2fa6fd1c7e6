package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@code GET /api/forecast} over real HTTP on the CDNOW sample with a BG/NBD run as of 1997-09-30, on H2 and
 * PostgreSQL: the 39 weeks after it add up to the holdout backtest's BG/NBD total (about 1,653 repeat purchase
 * days; ForecastsCdnowTest in sdk-analytics checks it to 1e-6), and bad parameters are problems naming them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastApiTest extends OnBothDatabases {
  private TestDatabase database;
  private TestServer server;

  @BeforeParameterizedClassInvocation
  void start() {
    database = newDatabase.get();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build()) {
      ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
      ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 9, 30))
          .purchaseModel(PurchaseModelKind.BG_NBD).backtest(false).noAffinity().build());
    }
    server = TestServer.start("spring.datasource.url=" + database.jdbcUrl(), "custintel.security.enabled=false");
  }

  @AfterParameterizedClassInvocation
  void stop() {
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private Response get(String path) {
    return server.call("GET", path, null, Map.of());
  }

  @Test
  void weekly_thirtyNineWeeks_addUpToTheBacktestTotal() {
    Response r = get("/api/forecast?horizon=39&period=week");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode f = r.json();
    assertThat(f.path("currency").asText()).isEqualTo("USD");
    assertThat(f.path("model").asText()).isEqualTo("bgnbd"); // the id the CLI and the model runs use
    assertThat(f.path("periods")).hasSize(39);
    JsonNode first = f.path("periods").get(0);
    assertThat(first.path("index").asInt()).isEqualTo(1);
    assertThat(first.path("start").asText()).isEqualTo("1997-10-01");
    JsonNode e = first.path("existingCustomers");
    assertThat(e.path("low").asDouble()).isLessThanOrEqualTo(e.path("expectedRepeatTransactions").asDouble());
    assertThat(e.path("high").asDouble()).isGreaterThanOrEqualTo(e.path("expectedRepeatTransactions").asDouble());
    assertThat(e.path("expectedRevenue").path("currency").asText()).isEqualTo("USD");
    BigDecimal sum = new BigDecimal(e.path("expectedRevenue").path("amount").asText())
        .add(new BigDecimal(first.path("newCustomers").path("expectedRevenue").path("amount").asText()));
    assertThat(new BigDecimal(first.path("total").path("expectedRevenue").path("amount").asText()))
        .isEqualByComparingTo(sum);
    assertThat(f.path("existingCustomers").path("expectedRepeatTransactions").asDouble())
        .isCloseTo(1653, within(5.0));
    assertThat(f.path("newCustomerModel").path("method").asText()).isIn("SEASONAL_NAIVE", "HOLT_WINTERS");
    assertThat(f.path("backtest").path("cutoff").asText()).isEqualTo("1997-05-20");
    assertThat(f.path("backtest").path("periods")).hasSize(19);
  }

  @Test
  void monthly_withoutBacktest() {
    Response r = get("/api/forecast?horizon=3&period=month&backtest=false");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("periods")).hasSize(3);
    assertThat(r.json().path("periods").get(2).path("start").asText()).isEqualTo("1997-12-01");
    assertThat(r.json().path("backtest").isNull()).isTrue();
  }

  @Test
  void badParameters_areProblemsNamingThem() {
    Response period = get("/api/forecast?period=fortnight");
    assertThat(period.status()).isEqualTo(400);
    assertThat(period.json().path("type").asText()).isEqualTo("urn:custintel:problem:invalid-input");
    assertThat(period.json().path("detail").asText()).contains("period");

    Response horizon = get("/api/forecast?horizon=0");
    assertThat(horizon.status()).isEqualTo(400);
    assertThat(horizon.json().path("detail").asText()).contains("horizon");

    Response openApi = get("/v3/api-docs");
    assertThat(openApi.json().path("paths").has("/api/forecast")).isTrue();
  }
}
