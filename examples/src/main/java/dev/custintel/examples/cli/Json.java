package dev.custintel.examples.cli;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.custintel.core.model.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
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
  /**
   * The generator factory: views of maps, lists and scalars are written with it directly. Jackson's databind (the
   * object mapper) costs about 0.2 s to set up in a fresh JVM, a good part of a short command's run, so it is set up
   * only for a value that is none of these (see {@link #mapper()}).
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .build()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private Json() {}

  /** The object mapper, laid out as the generator, for values that are not plain views. */
  private static final class Mapper {
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY.copy())
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  /** @return the object mapper, set up on first use */
  static ObjectMapper mapper() {
    return Mapper.MAPPER;
  }

  /**
   * Prints a value as pretty JSON, followed by a new line.
   *
   * @param out where to print
   * @param value maps, lists, strings, numbers, booleans and nulls
   */
  static void print(PrintWriter out, @Nullable Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = generator(text)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println(text);
    out.flush();
  }

  private static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator generator = FACTORY.createGenerator(out);
    generator.setPrettyPrinter(new DefaultPrettyPrinter());
    return generator;
  }

  /**
   * Writes a view as the object mapper writes it: maps (keys as text, in their order), iterables and arrays,
   * text, numbers, booleans and null; anything else through the mapper.
   */
  private static void write(JsonGenerator g, @Nullable Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String text) {
      g.writeString(text);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      g.writeStartArray();
      for (Object element : list) {
        write(g, element);
      }
      g.writeEndArray();
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long number) {
      g.writeNumber(number);
    } else if (value instanceof Double number) {
      g.writeNumber(number);
    } else if (value instanceof Float number) {
      g.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      g.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      g.writeNumber(number);
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else {
      mapper().writeValue(g, value);
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
        generator = generator(out);
        generator.writeStartArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** @param value the next element: maps, lists, strings, numbers, booleans and nulls */
    void add(@Nullable Object value) {
      try {
        write(generator, value);
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
