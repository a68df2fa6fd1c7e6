package dev.custintel.spring.internal.web;

import dev.custintel.analytics.clv.ParameterCovariance;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.actions.ActionType;
import dev.custintel.analytics.actions.Urgency;
import dev.custintel.analytics.events.EventType;
import dev.custintel.core.model.Money;
import java.math.BigDecimal;
import java.util.Currency;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * How the SDK's values look in the REST API's JSON (Spring's Jackson 3 mapper; the SDK keeps Jackson 2 for its own
 * files, and neither sees the other's types): money as {@code {"amount":"156.46","currency":"USD"}} with the exact
 * decimal as a string, never a binary float, with at least the currency's minor digits and no further trailing
 * zeros; currencies as their ISO 4217 codes; purchase models as their ids ({@code bgnbd}); event types as their wire names ({@code churn_risk_alert}). Instants are ISO-8601 strings ({@code 1997-01-02T00:00:00Z}), dates
 * {@code 1997-01-02}, durations ISO-8601 ({@code PT4.5S}): Jackson 3's defaults, which the tests pin. A fit's
 * parameter covariance is {@code {"names":["r","alpha"],"logScale":[[...],[...]]}}.
 */
public final class CustintelJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** The module. */
  public CustintelJacksonModule() {
    super("custintel");
    addSerializer(Money.class, new MoneySerializer());
    addSerializer(Currency.class, new CurrencySerializer());
    addSerializer(ParameterCovariance.class, new CovarianceSerializer());
    addSerializer(PurchaseModelKind.class, new PurchaseModelSerializer());
    addSerializer(EventType.class, new EventTypeSerializer());
    addSerializer(ActionType.class, new ActionTypeSerializer());
    addSerializer(Urgency.class, new UrgencySerializer());
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

  /** A purchase model by the id the CLI and the model runs use: {@code bgnbd}, {@code mbgnbd}, {@code paretoNbd}. */
  private static final class PurchaseModelSerializer extends ValueSerializer<PurchaseModelKind> {
    @Override
    public void serialize(PurchaseModelKind value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(value.id());
    }
  }

  /** An event type by its snake-case wire name, as in the database and the query strings: {@code churn_risk_alert}. */
  private static final class EventTypeSerializer extends ValueSerializer<EventType> {
    @Override
    public void serialize(EventType value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(value.wireName());
    }
  }

  /** An action by its snake-case wire name: {@code win_back}. */
  private static final class ActionTypeSerializer extends ValueSerializer<ActionType> {
    @Override
    public void serialize(ActionType value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(value.wireName());
    }
  }

  /** An urgency in lower case: {@code high}. */
  private static final class UrgencySerializer extends ValueSerializer<Urgency> {
    @Override
    public void serialize(Urgency value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(value.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static final class CurrencySerializer extends ValueSerializer<Currency> {
    @Override
    public void serialize(Currency value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(value.getCurrencyCode());
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
