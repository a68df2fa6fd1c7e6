package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The REST API over real HTTP on the CDNOW master file, on H2 and PostgreSQL: each endpoint's happy path with
 * values known from the data, paging, ingestion then read, and problem details. Security is off here
 * ({@code ApiKeySecurityTest} covers it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest extends OnBothDatabases {
  private TestDatabase database;
  private TestServer server;
  private ModelRun run;

  @BeforeParameterizedClassInvocation
  void start() {
    database = newDatabase.get();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build()) {
      ci.ingestion().importFile(TestData.file("clv/CDNOW_master.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
      run = ci.models().refresh(
          ModelRunRequest.builder().asOf(LocalDate.of(1998, 6, 30)).holdout(Period.ofWeeks(39)).build());
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
  void profileOfCdnowCustomer3() {
    Response r = get("/api/customers/00003");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode p = r.json();
    assertThat(p.path("customerId").asText()).isEqualTo("00003");
    assertThat(p.toString()).contains("\"amount\":\"156.46\"").contains("\"currency\":\"USD\"");
    assertThat(p.toString()).contains("1997-01-02T").contains("1998-05-28T");
  }

  @Test
  void unknownCustomerIsANotFoundProblem() {
    Response r = get("/api/customers/no-such-customer");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("type").asText()).isEqualTo("urn:custintel:problem:not-found");
    assertThat(r.json().path("status").asInt()).isEqualTo(404);
  }

  @Test
  void badParameterNamesTheField() {
    Response r = get("/api/customers?limit=abc");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
    Response tooMany = get("/api/customers?limit=5000");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
  }

  @Test
  void cursorPagingVisitsEveryMatchOnce() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Response r = get("/api/customers?minOrders=20&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      for (JsonNode item : r.json().path("items")) {
        assertThat(seen.add(item.path("customerId").asText())).isTrue();
      }
      cursor = r.json().path("nextCursor").isNull() ? null : r.json().path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 1000);
    assertThat(seen).isNotEmpty();
    assertThat(pages).isGreaterThan(1);
  }

  @Test
  void unknownPathIsANotFoundProblem() {
    Response r = get("/api/no-such-thing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void churnLtvAndModels() {
    Response risk = get("/api/customers/00003/churn-risk");
    assertThat(risk.status()).as(risk.toString()).isEqualTo(200);
    Response ltv = get("/api/customers/00003/ltv");
    assertThat(ltv.status()).as(ltv.toString()).isEqualTo(200);
    Response summary = get("/api/churn/summary");
    assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
    Response atRisk = get("/api/churn/at-risk?limit=5&minRisk=0.5");
    assertThat(atRisk.status()).as(atRisk.toString()).isEqualTo(200);
    assertThat(atRisk.json().size()).isEqualTo(5);
    Response models = get("/api/models");
    assertThat(models.status()).as(models.toString()).isEqualTo(200);
    assertThat(models.json().get(0).path("id").asLong()).isEqualTo(run.id());
    System.out.println(risk.body());
    System.out.println(ltv.body());
    System.out.println(summary.body());
    System.out.println(atRisk.body());
    System.out.println(models.body());
  }
}
