package dev.custintel.examples.cli;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.custintel.core.model.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON output. The views are plain maps and lists (insertion-ordered), so the output does not change when the
 * SDK's records gain fields. Amounts are strings to keep their decimals exact; instants are ISO-8601 strings;
 * non-ASCII characters are escaped so the output is the same whatever the terminal's charset. Enums are their wire
 * names ({@code win_back}, {@code running}) and currencies their codes, put into the views by the commands.
 */
final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .build();

  private Json() {}

  /**
   * Prints a value as pretty JSON, followed by a new line.
   *
   * @param out where to print
   * @param value maps, lists, strings, numbers, booleans and nulls
   */
  static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a new insertion-ordered map */
  static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /**
   * @param money an amount, or null
   * @return {@code {"amount":"89.00","currency":"USD"}}, or null
   */
  static @Nullable Map<String, Object> money(@Nullable Money money) {
    if (money == null) {
      return null;
    }
    return money(money.amount(), money.currency());
  }

  /**
   * @param amount an amount
   * @param currency its currency, or null when unknown
   * @return {@code {"amount":"89.00","currency":"USD"}}
   */
  static Map<String, Object> money(BigDecimal amount, Currency currency) {
    Map<String, Object> m = object();
    m.put("amount", amount(amount, currency));
    m.put("currency", currency == null ? null : currency.getCurrencyCode());
    return m;
  }

  /**
   * The amount with at least the currency's decimals (two when unknown) and no further trailing zeros.
   *
   * @param amount an amount
   * @param currency its currency, or null
   * @return such as {@code "89.00"} or {@code "18.3333"}
   */
  static String amount(BigDecimal amount, Currency currency) {
    int minScale = currency == null ? 2 : Math.max(currency.getDefaultFractionDigits(), 0);
    BigDecimal stripped = amount.stripTrailingZeros();
    return (stripped.scale() < minScale ? stripped.setScale(minScale) : stripped).toPlainString();
  }

  /**
   * @param instant an instant, or null
   * @return ISO-8601 such as {@code "1997-01-12T00:00:00Z"}, or null
   */
  static @Nullable String instant(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /**
   * A JSON array printed element by element, laid out as {@link #print} lays out a list, so that a long list (every
   * customer of a shop) need not be held in memory. An element printed is flushed at once; {@link #end()} ends the
   * array, so that a command failing half-way leaves an unfinished array, which no JSON reader takes for a whole one.
   */
  static final class ArrayPrinter {
    private final PrintWriter out;
    private final JsonGenerator generator;

    /** @param out where to print; the array starts at once */
    ArrayPrinter(PrintWriter out) {
      this.out = out;
      try {
        generator = MAPPER.createGenerator(out);
        generator.writeStartArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** @param value the next element: maps, lists, strings, numbers, booleans and nulls */
    void add(Object value) {
      try {
        MAPPER.writeValue(generator, value);
        generator.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Ends the array, followed by a new line. */
    void end() {
      try {
        generator.writeEndArray();
        generator.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println();
      out.flush();
    }
  }
}
