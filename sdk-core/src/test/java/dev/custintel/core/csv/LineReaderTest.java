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

  /**
   * Issue 11: the decoder read ahead in 8 KB blocks, so the message named an earlier line ("bad bytes after line
   * 19995" for line 20,000).
   * The bad bytes are on line 20,000 of 30,000, after lines long enough that a block spans several of them; every
   * line before it must be returned, and the message must name exactly line 20,000.
   */
  @Test
  void readLine_invalidUtf8DeepInTheFile_namesTheExactLine() throws IOException {
    Path file = dir.resolve("deep.csv");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 1; i <= 30_000; i++) {
      bytes.writeBytes(("row " + i + ",caf\u00e9,").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (i == 20_000) {
        bytes.write(0xE9); // Latin-1 e-acute: not UTF-8
      }
      bytes.writeBytes((" padding".repeat(40) + (i % 2 == 0 ? "\r\n" : "\n"))
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.write(file, bytes.toByteArray());

    long lastGood = 0;
    try (LineReader reader = LineReader.open(file)) {
      Throwable thrown = null;
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          assertThat(line).startsWith("row " + reader.lineNumber() + ",caf\u00e9,");
          lastGood = reader.lineNumber();
        }
      } catch (InvalidInputException e) {
        thrown = e;
      }
      assertThat(thrown).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("line 20000")
          .hasMessageNotContaining("after line");
    }
    assertThat(lastGood).isEqualTo(19_999);
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
