package dev.custintel.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class CsvLineSplitterTest {

  @Test
  void split_plainFields_splitsAtEachDelimiter() {
    assertThat(CsvLineSplitter.split("a,b ,,c", ',')).containsExactly("a", "b ", "", "c");
  }

  @Test
  void split_trailingDelimiter_endsWithEmptyField() {
    assertThat(CsvLineSplitter.split("a;b;", ';')).containsExactly("a", "b", "");
  }

  @Test
  void split_emptyLine_isOneEmptyField() {
    assertThat(CsvLineSplitter.split("", ',')).containsExactly("");
  }

  @Test
  void split_quotedFieldWithDelimiterAndEscapedQuote_unquotesIt() {
    assertThat(CsvLineSplitter.split("1,\"a, \"\"b\"\" c\",\"\",2", ','))
        .containsExactly("1", "a, \"b\" c", "", "2");
  }

  @Test
  void split_quoteInsideUnquotedField_keepsIt() {
    assertThat(CsvLineSplitter.split("7\" frame,x", ',')).containsExactly("7\" frame", "x");
  }

  @Test
  void split_unterminatedQuote_returnsNull() {
    assertThat(CsvLineSplitter.split("a,\"b,c", ',')).isNull();
    assertThat(CsvLineSplitter.split("a,\"b\"\"", ',')).isNull();
  }

  @Test
  void split_nullLine_throwsNamingLine() {
    assertThatThrownBy(() -> CsvLineSplitter.split(null, ','))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("line");
  }

  @Test
  void split_quoteOrLineBreakAsDelimiter_throwsOnDelimiter() {
    for (char delimiter : new char[] {'"', '\n', '\r'}) {
      assertThatThrownBy(() -> CsvLineSplitter.split("a", delimiter))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("delimiter"));
    }
  }
}
