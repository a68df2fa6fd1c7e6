package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Assertions and look-ups on the JSON the commands print, shared by the command tests. */
final class JsonChecks {
  private JsonChecks() {}

  /**
   * @param object a JSON object
   * @return its field names, in order
   */
  static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Asserts that the value is a number that rounds to the published one at its number of decimals.
   *
   * @param value the JSON value
   * @param published the published value
   * @param decimals how many decimals it was published with
   */
  static void assertRoundsTo(JsonNode value, double published, int decimals) {
    assertThat(value.isNumber()).as("%s is a number", value).isTrue();
    assertThat(value.asDouble()).isCloseTo(published, offset(0.5 * Math.pow(10, -decimals) + 1e-12));
  }
}
