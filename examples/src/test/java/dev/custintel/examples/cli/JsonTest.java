package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLI writes its views with Jackson's generator, not its object mapper (which costs about 0.2 s to set up in a
 * fresh JVM): the text must be the object mapper's, character for character, as it was before.
 */
class JsonTest {
  /** The object mapper as the CLI configured it before. */
  private static final ObjectMapper REFERENCE = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .build();

  @Test
  void printWritesWhatTheObjectMapperWrote() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", 1);
    nested.put("a", List.of());
    nested.put("empty", Map.of());
    Map<Object, Object> byLength = new LinkedHashMap<>();
    byLength.put(1, 120);
    byLength.put(2, 7L);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("text", "Zoë \"quoted\" \\ back\nline\ttab \u0001 € 😀 </script>");
    view.put("null", null);
    view.put("int", -42);
    view.put("long", Long.MAX_VALUE);
    view.put("double", 0.1 + 0.2);
    view.put("tiny", 4.816585334870252e-44);
    view.put("whole", 3.0);
    view.put("nan", Double.NaN);
    view.put("inf", Double.NEGATIVE_INFINITY);
    view.put("float", 1.5f);
    view.put("decimal", new BigDecimal("89.000"));
    view.put("bigDecimal", new BigDecimal("1E+3"));
    view.put("bigInteger", new BigInteger("123456789012345678901234567890"));
    view.put("short", (short) 7);
    view.put("true", true);
    view.put("false", false);
    view.put("nested", nested);
    view.put("byLength", byLength);
    view.put("list", Arrays.asList(1, "two", null, List.of(3.5), Map.of("k", "v")));
    view.put("array", new int[] {1, 2, 3});
    view.put("date", LocalDate.of(2026, 12, 7).toString());
    view.put("record", new Point(1, "x"));
    for (Object value : List.of(view, List.of(), Map.of(), "top-level text", 12, List.of(view, view))) {
      assertThat(print(value)).isEqualTo(REFERENCE.writeValueAsString(value) + System.lineSeparator());
    }
    assertThat(print(null)).isEqualTo(REFERENCE.writeValueAsString(null) + System.lineSeparator());
  }

  @Test
  void anArrayPrinterWritesWhatTheObjectMapperWroteForTheList() throws Exception {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("customerId", "C-" + i);
      row.put("value", i * 1.25);
      row.put("tags", List.of("a", "ü"));
      rows.add(row);
    }
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    Json.ArrayPrinter printer = new Json.ArrayPrinter(out);
    rows.forEach(printer::add);
    printer.end();
    assertThat(text.toString()).isEqualTo(REFERENCE.writeValueAsString(rows) + System.lineSeparator());
  }

  private static String print(Object value) {
    StringWriter text = new StringWriter();
    Json.print(new PrintWriter(text), value);
    return text.toString();
  }

  /** Not a plain view: written through the object mapper, as before. */
  record Point(int x, String name) {}
}
