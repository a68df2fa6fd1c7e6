package dev.custintel.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class CsvHeaderTest {

  @Test
  void find_anyCase_returnsPositionAndMinusOneWhenAbsent() {
    CsvHeader header = CsvHeader.parse("InvoiceNo; Quantity ", ';', "f.csv");

    assertThat(header.size()).isEqualTo(2);
    assertThat(header.find("invoiceno")).isZero();
    assertThat(header.find("QUANTITY")).isEqualTo(1);
    assertThat(header.name(1)).isEqualTo("Quantity");
    assertThat(header.find("Country")).isEqualTo(-1);
  }

  @Test
  void find_blankColumn_isNotFound() {
    CsvHeader header = CsvHeader.parse(",a", ',', "f.csv");

    assertThat(header.name(0)).isEmpty();
    assertThat(header.find("")).isEqualTo(-1);
  }

  @Test
  void require_missingColumn_throwsOnThatColumnNamingTheFile() {
    CsvHeader header = CsvHeader.parse("a,b", ',', "f.csv");

    assertThatThrownBy(() -> header.require("c"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.record()).isEqualTo("f.csv");
          assertThat(e.field()).isEqualTo("c");
          assertThat(e.reason()).isEqualTo("is missing from the header (found 'a,b')");
        });
  }

  @Test
  void parse_duplicateNameInAnotherCase_throwsOnThatName() {
    assertThatThrownBy(() -> CsvHeader.parse("a,B,b", ',', "f.csv"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("b");
          assertThat(e.reason()).isEqualTo("appears more than once in the header");
        });
  }

  @Test
  void parse_unterminatedQuote_throwsOnFile() {
    assertThatThrownBy(() -> CsvHeader.parse("a,\"b", ',', "f.csv"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("file"));
  }

  @Test
  void parse_nullArguments_throwNamingTheParameter() {
    assertThatThrownBy(() -> CsvHeader.parse(null, ',', "f.csv"))
        .isInstanceOf(NullPointerException.class).hasMessage("line");
    assertThatThrownBy(() -> CsvHeader.parse("a", ',', null))
        .isInstanceOf(NullPointerException.class).hasMessage("recordName");
    CsvHeader header = CsvHeader.parse("a", ',', "f.csv");
    assertThatThrownBy(() -> header.find(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    assertThatThrownBy(() -> header.require(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
  }

  @Test
  void name_positionOutOfRange_throwsOnPosition() {
    CsvHeader header = CsvHeader.parse("a,b", ',', "f.csv");

    assertThatThrownBy(() -> header.name(2))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("position");
          assertThat(e.reason()).isEqualTo("must be between 0 and 1 (was 2)");
        });
    assertThatThrownBy(() -> header.name(-1)).isInstanceOf(InvalidInputException.class);
  }
}
