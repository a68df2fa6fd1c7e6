package dev.custintel.spring.internal.web;

import dev.custintel.analytics.clv.ParameterCovariance;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.actions.ActionType;
import dev.custintel.analytics.ask.AskQuery;
import dev.custintel.analytics.ask.CustomerState;
import dev.custintel.analytics.ask.Intent;
import dev.custintel.analytics.actions.Urgency;
import dev.custintel.analytics.events.EventType;
import dev.custintel.analytics.experiments.ExperimentMetric;
import dev.custintel.analytics.experiments.ExperimentStatus;
import dev.custintel.core.model.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * How the SDK's values look in the REST API's JSON (Spring's Jackson 3 mapper; the SDK keeps Jackson 2 for its own
 * files, and neither sees the other's types): money as {@code {"amount":"156.46","currency":"USD"}} with the exact
 * decimal as a string, never a binary float, with at least the currency's minor digits and no further trailing
 * zeros; currencies as their ISO 4217 codes; purchase models as their ids ({@code bgnbd}); event types, actions and
 * experiments' metrics and statuses, questions' intents and customer states as their wire names
 * ({@code churn_risk_alert}, {@code running}, {@code top_customers_by_spend}); a typed query as {@code
 * AskQuery.toMap()} writes it, with only its set fields; a double that is NaN or infinite as {@code null}. Instants are ISO-8601 strings ({@code 1997-01-02T00:00:00Z}), dates
 * {@code 1997-01-02}, durations ISO-8601 ({@code PT4.5S}): Jackson 3's defaults, which the tests pin. A fit's
 * parameter covariance is {@code {"names":["r","alpha"],"logScale":[[...],[...]]}}.
 */
public final class CustintelJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** The module. */
  public CustintelJacksonModule() {
    super("custintel");
    addSerializer(Money.class, new MoneySerializer());
    addSerializer(Currency.class, new AsString<>(Currency::getCurrencyCode));
    addSerializer(ParameterCovariance.class, new CovarianceSerializer());
    addSerializer(PurchaseModelKind.class, new AsString<>(PurchaseModelKind::id));
    addSerializer(EventType.class, new AsString<>(EventType::wireName));
    addSerializer(ActionType.class, new AsString<>(ActionType::wireName));
    addSerializer(Urgency.class, new AsString<Urgency>(u -> u.name().toLowerCase(Locale.ROOT)));
    addSerializer(ExperimentMetric.class, new AsString<>(ExperimentMetric::wireName));
    addSerializer(ExperimentStatus.class, new AsString<>(ExperimentStatus::wireName));
    addSerializer(Intent.class, new AsString<>(Intent::wireName));
    addSerializer(CustomerState.class, new AsString<>(CustomerState::wireName));
    addSerializer(AskQuery.class, new AskQuerySerializer());
    addSerializer(Double.class, new FiniteDoubleSerializer());
    addSerializer(Double.TYPE, new FiniteDoubleSerializer());
  }

  /**
   * @param amount an amount
   * @param currency its currency
   * @return the amount with at least the currency's minor digits and no further trailing zeros, such as
   *     {@code 89.00} or {@code 18.3333}
   */
  public static String amount(BigDecimal amount, Currency currency) {
    int minScale = Math.max(currency.getDefaultFractionDigits(), 0);
    BigDecimal stripped = amount.stripTrailingZeros();
    return (stripped.scale() < minScale ? stripped.setScale(minScale) : stripped).toPlainString();
  }

  private static final class MoneySerializer extends ValueSerializer<Money> {
    @Override
    public void serialize(Money value, JsonGenerator gen, SerializationContext context) {
      gen.writeStartObject();
      gen.writeStringProperty("amount", amount(value.amount(), value.currency()));
      gen.writeStringProperty("currency", value.currency().getCurrencyCode());
      gen.writeEndObject();
    }
  }

  /**
   * A value written as one string: a purchase model by the id the CLI and the model runs use ({@code bgnbd}), an
   * event type or action by its snake-case wire name ({@code churn_risk_alert}, {@code win_back}), an urgency in
   * lower case ({@code high}), a currency by its code.
   */
  private static final class AsString<T> extends ValueSerializer<T> {
    private final Function<T, String> text;

    AsString(Function<T, String> text) {
      this.text = text;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(text.apply(value));
    }
  }

  /**
   * A double as a JSON number, or {@code null} when it is NaN or infinite (such as Welch's t when neither arm
   * varies, or a relative difference against a control that converted nobody): JSON has no such numbers, and
   * Jackson would otherwise write them as the strings {@code "NaN"} and {@code "Infinity"} in a number's place. (The
   * SDK's figures are doubles; it has no floats.)
   */
  private static final class FiniteDoubleSerializer extends ValueSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializationContext context) {
      double v = value;
      if (Double.isFinite(v)) {
        gen.writeNumber(v);
      } else {
        gen.writeNull();
      }
    }
  }

  /**
   * A typed query with only the fields that are set, in the names {@code POST /api/query} reads back: {@code
   * {"intent":"top_customers_by_spend","limit":10,"period":{"from":"…","to":"…"},"periodWords":"this month"}}.
   */
  private static final class AskQuerySerializer extends ValueSerializer<AskQuery> {
    @Override
    public void serialize(AskQuery q, JsonGenerator gen, SerializationContext context) {
      context.writeValue(gen, q.toMap());
    }
  }

  private static final class CovarianceSerializer extends ValueSerializer<ParameterCovariance> {
    @Override
    public void serialize(ParameterCovariance value, JsonGenerator gen, SerializationContext context) {
      gen.writeStartObject();
      gen.writeName("names");
      gen.writeStartArray();
      for (String name : value.names()) {
        gen.writeString(name);
      }
      gen.writeEndArray();
      gen.writeName("logScale");
      gen.writeStartArray();
      for (double[] row : value.logCovarianceMatrix()) {
        gen.writeStartArray();
        for (double v : row) {
          gen.writeNumber(v);
        }
        gen.writeEndArray();
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
  }
}
