package dev.custintel.analytics.ask;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.custintel.CustomerIntelligence;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat-model translator against a WireMock stand-in of an OpenAI-compatible API: what it sends (model, key,
 * schema, the question, now), what it makes of the model's JSON, and {@code ask} falling back to the parser when
 * the model fails, declines, is slow or returns a query that does not validate. The key never shows.
 */
class ChatQueryTranslatorTest {
  private static final String KEY = "sk-test-0123456789abcdefSECRET";
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private WireMockServer api;
  private ChatQueryTranslator translator;

  @BeforeEach
  void start() {
    api = new WireMockServer(wireMockConfig().dynamicPort());
    api.start();
    translator = ChatQueryTranslator.builder().baseUrl(api.baseUrl() + "/v1").apiKey(KEY).model("test-model")
        .timeout(Duration.ofSeconds(2)).build();
  }

  @AfterEach
  void stop() {
    translator.close();
    api.stop();
  }

  private void modelAnswers(String content) {
    String completion = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
        .set("choices", JSON.createArrayNode().add(JSON.createObjectNode().put("index", 0)
            .put("finish_reason", "stop").set("message", JSON.createObjectNode().put("role", "assistant")
                .put("content", content)))).toString();
    api.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(completion)));
  }

  @Test
  void translate_sendsTheQuestionUnderTheSchema_andReadsTheTypedQuery() throws Exception {
    modelAnswers("{\"intent\":\"top_customers_by_ltv\",\"limit\":5,\"period\":null,\"days\":null,\"segment\":null,"
        + "\"country\":null,\"minChurnRisk\":null,\"customerId\":null,\"product\":null,\"horizon\":null,"
        + "\"horizonUnit\":null,\"state\":null}");

    Optional<AskQuery> q = translator.translate("who will be worth most to us? five please", NOW);

    assertThat(q).contains(AskQuery.builder(Intent.TOP_CUSTOMERS_BY_LTV).limit(5).build());
    api.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
        .withHeader("Authorization", equalTo("Bearer " + KEY))
        .withRequestBody(matchingJsonPath("$.model", equalTo("test-model")))
        .withRequestBody(matchingJsonPath("$.temperature", equalTo("0")))
        .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
        .withRequestBody(matchingJsonPath("$.response_format.json_schema.strict", equalTo("true")))
        .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("who will be worth most to us? five please"))));
    JsonNode sent = JSON.readTree(api.getAllServeEvents().get(0).getRequest().getBodyAsString());
    assertThat(sent.at("/messages/0/content").asText()).contains("2026-12-07T10:00:00Z")
        .contains("top_customers_by_spend").contains("high_churn_risk");
    JsonNode intents = sent.at("/response_format/json_schema/schema/properties/intent/enum");
    assertThat(intents.size()).isEqualTo(Intent.values().length + 1);
    assertThat(sent.at("/response_format/json_schema/schema/required").size())
        .isEqualTo(sent.at("/response_format/json_schema/schema/properties").size());
  }

  @Test
  void translate_periodAndFields_areReadAsTheWireShape() {
    modelAnswers("{\"intent\":\"top_customers_by_spend\",\"limit\":10,\"period\":{\"from\":\"2026-12-01T00:00:00Z\","
        + "\"to\":\"2027-01-01T00:00:00Z\"},\"country\":\"France\",\"days\":null}");
    assertThat(translator.translate("x", NOW)).hasValueSatisfying(q -> {
      assertThat(q.period().from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
      assertThat(q.country()).isEqualTo("France");
    });
  }

  @Test
  void translate_declined_isEmpty_andInvalidJsonOrFields_areTypedErrors() {
    modelAnswers("{\"intent\":\"none\"}");
    assertThat(translator.translate("what's the weather", NOW)).isEmpty();

    modelAnswers("{\"intent\":\"top_products\",\"limit\":100000}");
    assertThatThrownBy(() -> translator.translate("x", NOW)).isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("limit");
    modelAnswers("{\"intent\":\"today\",\"sql\":\"DROP TABLE x\"}");
    assertThatThrownBy(() -> translator.translate("x", NOW)).isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("sql");
    modelAnswers("not json");
    assertThatThrownBy(() -> translator.translate("x", NOW)).isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("content");
  }

  @Test
  void httpFailures_nameNoSecret() {
    api.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}")));
    assertThatThrownBy(() -> translator.translate("x", NOW))
        .isInstanceOf(ChatQueryTranslator.ChatModelException.class)
        .hasMessageContaining("HTTP 401").hasMessageNotContaining(KEY);

    api.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson("{}").withFixedDelay(4_000)));
    assertThatThrownBy(() -> translator.translate("x", NOW))
        .isInstanceOf(ChatQueryTranslator.ChatModelException.class).hasMessageNotContaining(KEY);
    assertThat(translator.toString()).doesNotContain(KEY);
    assertThat(ChatQueryTranslator.builder().apiKey(KEY).toString()).doesNotContain(KEY);
  }

  @Test
  void ask_usesTheTranslatorFirst_andFallsBackToTheParserWhenItFails() {
    try (CustomerIntelligence ci = CustomerIntelligence.builder().inMemory("llm-" + UUID.randomUUID())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).ask(AskOptions.defaults().translator(translator)).build()) {
      ci.ingestion().upsertOrders(List.of(Order.purchase("o-1", "c-1", NOW.minusSeconds(3_600),
          Money.currency("EUR"), List.of(new OrderLine("p-1", 2, new BigDecimal("30.00"))))));

      modelAnswers("{\"intent\":\"order_count\",\"period\":null}");
      Answer byModel = ci.ask("how busy have we been, all in all?");
      assertThat(byModel.translatedBy()).isEqualTo("translator");
      assertThat(byModel.query().intent()).isEqualTo(Intent.ORDER_COUNT);
      assertThat(byModel.rows().get(0).get("orders")).isEqualTo(1L);

      api.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
      Answer byParser = ci.ask("how many orders today");
      assertThat(byParser.translatedBy()).isEqualTo("parser");
      assertThat(byParser.query().intent()).isEqualTo(Intent.ORDER_COUNT);

      modelAnswers("{\"intent\":\"customer_profile\",\"customerId\":\"no-such-customer\"}");
      Answer unknown = ci.ask("tell me about c-1");
      assertThat(unknown.translatedBy()).as("the model named a customer that does not exist").isEqualTo("parser");
    }
  }
}
