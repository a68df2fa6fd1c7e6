package dev.custintel.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
  @TempDir Path dir;

  @Test
  void readLine_bomAndMixedLineEnds_countsPhysicalLines() throws IOException {
    Path file = dir.resolve("f.txt");
    Files.write(file, "\uFEFFh\r\na\nb\r\n\r\nc".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    List<String> lines = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    try (LineReader reader = LineReader.open(file)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
        numbers.add(reader.lineNumber());
      }
    }

    assertThat(lines).containsExactly("h", "a", "b", "", "c");
    assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void readLine_invalidUtf8_throwsOnFile() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, new byte[] {'a', '\n', (byte) 0xE9, 't', 'e', '\n'});

    try (LineReader reader = LineReader.open(file)) {
      assertThatThrownBy(() -> {
            while (reader.readLine() != null) {
              // reads to the bad bytes
            }
          })
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> {
                assertThat(e.field()).isEqualTo("file");
                assertThat(e.record()).isEqualTo("latin1.csv");
              });
    }
  }

  @Test
  void open_directory_throwsOnFile() {
    assertThatThrownBy(() -> LineReader.open(dir))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo("is a directory"));
  }

  @Test
  void open_null_throwsNamingFile() {
    assertThatThrownBy(() -> LineReader.open(null)).isInstanceOf(NullPointerException.class).hasMessage("file");
    assertThatThrownBy(() -> LineReader.recordName(null)).isInstanceOf(NullPointerException.class).hasMessage("file");
  }

  @Test
  void open_missingFile_throwsOnFileNamingIt() {
    assertThatThrownBy(() -> LineReader.open(dir.resolve("none.csv")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.record()).isEqualTo("none.csv");
          assertThat(e.reason()).isEqualTo("does not exist");
        });
  }
}
