package dev.custintel.spring.internal.web;

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
 * zeros; currencies as their ISO 4217 codes. Instants are ISO-8601 strings ({@code 1997-01-02T00:00:00Z}), dates
 * {@code 1997-01-02}: Jackson 3's defaults, which the tests pin.
 */
public final class CustintelJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** The module. */
  public CustintelJacksonModule() {
    super("custintel");
    addSerializer(Money.class, new MoneySerializer());
    addSerializer(Currency.class, new CurrencySerializer());
  }

  /**
   * @param amount an amount
   * @param currency its currency
   * @return the amount with at least the currency's minor digits and no further trailing zeros, such as
   *     {@code 89.00} or {@code 18.3333}
   */
  static String amount(BigDecimal amount, Currency currency) {
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

  private static final class CurrencySerializer extends ValueSerializer<Currency> {
    @Override
    public void serialize(Currency value, JsonGenerator gen, SerializationContext context) {
      gen.writeString(value.getCurrencyCode());
    }
  }
}
