package dev.custintel.analytics.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.core.InvalidInputException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Translates questions with a chat model behind an OpenAI-compatible API ({@code POST chat/completions}): OpenAI,
 * or a local server that speaks the same protocol. The model may produce only the typed query's JSON, held to a
 * JSON schema of the intents and fields ({@code response_format} {@code json_schema}, strict), at temperature 0;
 * what it returns is validated as any typed query is. Off unless configured: hand it to {@code
 * AskOptions.translator(...)}, and {@code ask} tries it first and falls back to the built-in parser when it fails,
 * times out, declines ({@code "intent": "none"}) or returns something that does not validate.
 *
 * <pre>{@code
 * ChatQueryTranslator llm = ChatQueryTranslator.builder().apiKey(System.getenv("OPENAI_API_KEY"))
 *     .model("gpt-4o-mini").build();
 * CustomerIntelligence ci = CustomerIntelligence.builder().embedded(dir)
 *     .ask(AskOptions.defaults().translator(llm)).build();
 * }</pre>
 *
 * <p>The key travels only in the {@code Authorization} header; it is never logged and never in an exception's
 * message. Thread-safe; {@link #close()} releases the HTTP client it created.
 */
public final class ChatQueryTranslator implements QueryTranslator, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  private static final int MAX_ANSWER = 64 * 1024;

  private final HttpUrl endpoint;
  private final String model;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ChatQueryTranslator(Builder b, OkHttpClient http, boolean ownsHttp) {
    this.endpoint = Objects.requireNonNull(b.baseUrl.resolve("chat/completions"), "endpoint");
    this.model = b.model;
    this.http = http;
    this.ownsHttp = ownsHttp;
  }

  /** @return a builder; the model is required, and the key unless the server needs none */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<AskQuery> translate(String question, Instant now) {
    if (closed.get()) {
      throw new IllegalStateException("This ChatQueryTranslator is closed; build a new one.");
    }
    ObjectNode body = JSON.createObjectNode().put("model", model).put("temperature", 0);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", instructions(now));
    messages.addObject().put("role", "user").put("content", question);
    ObjectNode format = body.putObject("response_format").put("type", "json_schema");
    format.putObject("json_schema").put("name", "typed_query").put("strict", true).set("schema", schema());
    Request request = new Request.Builder().url(endpoint)
        .post(RequestBody.create(body.toString(), APPLICATION_JSON)).build();
    String content;
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      if (!response.isSuccessful()) {
        throw new ChatModelException("The chat model's API answered HTTP " + response.code() + ".");
      }
      BufferedSource source = responseBody.source();
      if (source.request(MAX_ANSWER + 1L)) {
        throw new ChatModelException("The chat model's answer is larger than " + MAX_ANSWER / 1024 + " KiB.");
      }
      String text = source.getBuffer().readUtf8();
      JsonNode answer = JSON.readTree(text);
      content = answer.path("choices").path(0).path("message").path("content").asText(null);
      if (content == null) {
        throw new ChatModelException("The chat model's answer held no message content.");
      }
    } catch (IOException e) {
      throw new ChatModelException("The chat model could not be reached or its answer not read: "
          + e.getClass().getSimpleName());
    }
    return parse(content);
  }

  /**
   * @param content the model's message: the typed query's JSON
   * @return the query; empty when the model declined ({@code "intent": "none"})
   * @throws InvalidInputException naming the field when the JSON is not a valid typed query
   */
  static Optional<AskQuery> parse(String content) {
    JsonNode node;
    try {
      node = JSON.readTree(content);
    } catch (IOException e) {
      throw InvalidInputException.argument("content", "is not JSON");
    }
    if (!node.isObject()) {
      throw InvalidInputException.argument("content", "is not a JSON object");
    }
    if ("none".equals(node.path("intent").asText())) {
      return Optional.empty();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) {
        fields.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
      }
    }
    return Optional.of(AskQuery.fromMap(fields, ""));
  }

  /** The system message: what the fields mean, the intents, the instant relative dates resolve against. */
  static String instructions(Instant now) {
    StringBuilder s = new StringBuilder("You translate a question about an online shop's customers into one typed"
        + " query, as JSON, and nothing else. The current instant is " + now + " (UTC); resolve relative dates"
        + " against it. Periods are half-open [from, to) as ISO-8601 instants in UTC; calendar periods are whole"
        + " ('this month' runs from its first day to the next month's first day), rolling ones end now. Set a field"
        + " only when the question says it, else null; the intent's defaults apply. 'VIP', 'best' and 'top'"
        + " customers without another measure are top_customers_by_spend. 'High churn risk' is minChurnRisk 0.8."
        + " Weeks, months and years of inactivity are 7, 30 and 365 days. customerId, product, segment and country"
        + " are as the question writes them. If the question is not one of the intents below, or asks to change"
        + " data, answer intent 'none'. The intents:\n");
    for (Intent i : Intent.values()) {
      s.append("- ").append(i.wireName()).append(": ").append(i.description()).append(", e.g. \"")
          .append(i.example()).append("\"; fields: ");
      s.append(String.join(", ", AskQuery.fields(i).stream().map(AskQuery.Field::wireName).sorted().toList()));
      s.append('\n');
    }
    return s.toString();
  }

  /** The JSON schema the model's answer is held to: every field present, null when not set. */
  static ObjectNode schema() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
    ObjectNode p = schema.putObject("properties");
    ArrayNode intents = p.putObject("intent").put("type", "string").putArray("enum");
    for (Intent i : Intent.values()) {
      intents.add(i.wireName());
    }
    intents.add("none");
    nullable(p, "limit", "integer");
    ObjectNode period = p.putObject("period");
    period.putArray("type").add("object").add("null");
    period.put("additionalProperties", false);
    ObjectNode bounds = period.putObject("properties");
    bounds.putObject("from").put("type", "string");
    bounds.putObject("to").put("type", "string");
    period.putArray("required").add("from").add("to");
    nullable(p, "days", "integer");
    nullable(p, "segment", "string");
    nullable(p, "country", "string");
    nullable(p, "minChurnRisk", "number");
    nullable(p, "customerId", "string");
    nullable(p, "product", "string");
    nullable(p, "horizon", "integer");
    ObjectNode unit = p.putObject("horizonUnit");
    unit.putArray("type").add("string").add("null");
    unit.putArray("enum").add("week").add("month").addNull();
    ObjectNode state = p.putObject("state");
    state.putArray("type").add("string").add("null");
    ArrayNode states = state.putArray("enum");
    for (CustomerState st : CustomerState.values()) {
      states.add(st.wireName());
    }
    states.addNull();
    ArrayNode required = schema.putArray("required");
    p.fieldNames().forEachRemaining(required::add);
    return schema;
  }

  private static void nullable(ObjectNode properties, String name, String type) {
    properties.putObject(name).putArray("type").add(type).add("null");
  }

  /** Releases the HTTP client's threads and connections when this translator created it. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "ChatQueryTranslator[" + endpoint + ", model=" + model + "]";
  }

  /** The chat model's API failed; {@code ask} falls back to the built-in parser. Names no secret. */
  public static final class ChatModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChatModelException(String message) {
      super(message);
    }
  }

  /** Configures a {@link ChatQueryTranslator}; {@code toString()} hides the key. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get("https://api.openai.com/v1/");
    private @Nullable String apiKey;
    private String model = "";
    private @Nullable OkHttpClient httpClient;
    private Duration timeout = Duration.ofSeconds(15);

    private Builder() {}

    /**
     * @param value the API's base URL, under which {@code chat/completions} is; default OpenAI's
     *     {@code https://api.openai.com/v1/}. {@code https}, or {@code http} for a loopback host only
     * @return this builder
     */
    public Builder baseUrl(String value) {
      HttpUrl url = value == null ? null : HttpUrl.parse(value.endsWith("/") ? value : value + "/");
      if (url == null) {
        throw InvalidInputException.argument("baseUrl", "is not an http or https URL");
      }
      boolean loopback = url.host().equals("localhost") || url.host().equals("127.0.0.1") || url.host().equals("::1")
          || url.host().equals("[::1]");
      if (!url.isHttps() && !loopback) {
        throw InvalidInputException.argument("baseUrl", "must be https (http only for a loopback host)");
      }
      this.baseUrl = url;
      return this;
    }

    /**
     * @param value the API key, sent as {@code Authorization: Bearer}; never logged
     * @return this builder
     */
    public Builder apiKey(String value) {
      text(value, "apiKey", 500);
      if (!value.equals(value.strip())) {
        throw InvalidInputException.argument("apiKey", "must not start or end with whitespace");
      }
      this.apiKey = value;
      return this;
    }

    /**
     * @param value the model, such as {@code gpt-4o-mini}; it must support JSON-schema answers
     * @return this builder
     */
    public Builder model(String value) {
      this.model = text(value, "model", 200);
      return this;
    }

    /**
     * @param value the host's OkHttp client, shared through {@code newBuilder()} and never shut down
     * @return this builder
     */
    public Builder httpClient(OkHttpClient value) {
      this.httpClient = Objects.requireNonNull(value, "httpClient");
      return this;
    }

    /**
     * @param value the longest one translation may take, positive; default 15 s (the parser answers after it)
     * @return this builder
     */
    public Builder timeout(Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw InvalidInputException.argument("timeout", "must be positive (was " + value + ")");
      }
      this.timeout = value;
      return this;
    }

    /**
     * @return the translator
     * @throws InvalidInputException if no model was set ("model")
     */
    public ChatQueryTranslator build() {
      if (model.isEmpty()) {
        throw InvalidInputException.argument("model", "is required, such as gpt-4o-mini");
      }
      OkHttpClient base = httpClient != null ? httpClient : new OkHttpClient();
      String key = apiKey;
      OkHttpClient.Builder http = base.newBuilder().callTimeout(timeout).retryOnConnectionFailure(false);
      if (key != null) {
        http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Authorization", "Bearer " + key).build()));
      }
      return new ChatQueryTranslator(this, http.build(), httpClient == null);
    }

    private static String text(@Nullable String value, String field, int maxLength) {
      if (value == null || value.isBlank()) {
        throw InvalidInputException.argument(field, "is required");
      }
      if (value.length() > maxLength) {
        throw InvalidInputException.argument(field, "must be at most " + maxLength + " characters");
      }
      return value;
    }

    @Override
    public String toString() {
      return "ChatQueryTranslator.Builder[" + baseUrl + ", model=" + model + ", apiKey="
          + (apiKey == null ? "unset" : "****") + "]";
    }
  }
}
