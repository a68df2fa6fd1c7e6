package dev.custintel.analytics.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-level readers of {@link Baskets} against the line-and-regex readers they replaced
 * ({@link LegacyBasketReaders}): on every reference file of {@code data/affinity/}, on hostile inputs and on random
 * files, both give the same baskets (item names in the same order, the same baskets item for item) or the same
 * {@link InvalidInputException} message.
 */
class BasketReadersEquivalenceTest {
  private static final Path DATA = Path.of(System.getProperty("custintel.dataDir", "../data"), "affinity");

  @TempDir Path dir;

  private int files;

  /** What a reader did with a file: the baskets in full, or the error. */
  private static String outcome(Function<Path, Baskets> reader, Path file) {
    Baskets baskets;
    try {
      baskets = reader.apply(file);
    } catch (InvalidInputException e) {
      return "error: " + e.getMessage();
    }
    StringBuilder s = new StringBuilder();
    s.append(baskets.size()).append(" baskets, items ").append(baskets.itemNames()).append('\n');
    for (int i = 0; i < baskets.itemCount(); i++) {
      assertThat(baskets.itemId(baskets.itemName(i))).hasValue(i);
    }
    for (int t = 0; t < baskets.size(); t++) {
      for (int item : baskets.basket(t)) {
        s.append(item).append(' ');
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static void assertSameBaskets(Baskets expected, Baskets actual) {
    assertThat(actual.itemNames()).isEqualTo(expected.itemNames());
    assertThat(actual.size()).isEqualTo(expected.size());
    for (int t = 0; t < expected.size(); t++) {
      assertThat(actual.basket(t)).as("basket %d", t).isEqualTo(expected.basket(t));
    }
    for (String name : expected.itemNames()) {
      assertThat(actual.itemId(name)).isEqualTo(expected.itemId(name));
    }
  }

  static Stream<String> fimiFiles() {
    return Stream.of("retail.dat", "chess.dat", "mushroom.dat", "T10I4D100K.dat");
  }

  @ParameterizedTest
  @MethodSource("fimiFiles")
  void fimiReferenceFilesReadAsBefore(String name) {
    Path file = DATA.resolve(name);
    assertSameBaskets(LegacyBasketReaders.readFimi(file), Baskets.readFimi(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"groceries.csv", "online_retail_small.csv", "online_retail_france.csv"})
  void csvReferenceFilesReadAsBefore(String name) {
    // The Online Retail files are not basket CSV, but any text file is: one basket of fields per line, with
    // non-ASCII names, CRLF (the small file) and a header. The FIMI reader must reject them as before.
    Path file = DATA.resolve(name);
    assertSameBaskets(LegacyBasketReaders.readBasketCsv(file), Baskets.readBasketCsv(file));
    assertThat(outcome(Baskets::readFimi, file)).isEqualTo(outcome(LegacyBasketReaders::readFimi, file))
        .startsWith("error: ");
  }

  @Test
  void groceriesCountsAreTheReferenceOnes() {
    Baskets groceries = Baskets.readBasketCsv(DATA.resolve("groceries.csv"));
    assertThat(groceries.size()).isEqualTo(9835);
    assertThat(groceries.itemCount()).isEqualTo(169);
    assertThat(groceries.itemCounts()[groceries.itemId("whole milk").getAsInt()]).isEqualTo(2513);
  }

  private Path file(byte[] content) throws IOException {
    return Files.write(dir.resolve("f" + files++), content);
  }

  private Path file(String content) throws IOException {
    return file(content.getBytes(StandardCharsets.UTF_8));
  }

  private void assertFimiAsBefore(Path file) {
    assertThat(outcome(Baskets::readFimi, file)).isEqualTo(outcome(LegacyBasketReaders::readFimi, file));
  }

  private void assertCsvAsBefore(Path file) {
    assertThat(outcome(Baskets::readBasketCsv, file)).isEqualTo(outcome(LegacyBasketReaders::readBasketCsv, file));
  }

  static Stream<String> hostileFimi() {
    return Stream.of(
        "1 2\r\n3\r\n", "1 2\r\n3", "1\t2\t\t3\n", "\t 1  2 \t\n", "1 2   \n", "1 2", "\n\n1\n\n\n", "\n", "\r\n",
        "\r", "1\r2\r", "1\r\r\n2\n", "1\u000B2\f3\n", "\uFEFF1 2\n", "1\n\uFEFF2\n", "1 2 x\n", "1\n2 3x\n",
        "99999999999\n", "2147483647 0\n", "2147483648\n", "-1\n", "1\n2 -7 3\n", "-0 0\n", "+5 05 5 0005\n",
        "-2147483648\n", "-2147483649\n", "-99999999999\n", "-\n", "+\n", "1-2\n", "++1\n", "1\u00012\n",
        "1 2\u0001\n", "\u0001 1\n", "1 \u0001 2\n", "\u001C1\u001F\n", "\u0661\u0662 3\n", "1\u00A02\n",
        "1\u20032\n", "1 2\u2003\n", "\u00001\n", "3 3 3\n1\n", "1 2 3\n3 2 1\n", "\u007F\n", "12345678901234567890\n");
  }

  @ParameterizedTest
  @MethodSource("hostileFimi")
  void hostileFimiAsBefore(String content) throws IOException {
    assertFimiAsBefore(file(content));
  }

  @Test
  void fimiEdgeFilesAsBefore() throws IOException {
    assertFimiAsBefore(file(""));
    assertFimiAsBefore(dir.resolve("missing.dat"));
    assertFimiAsBefore(dir);
    assertFimiAsBefore(file(new byte[] {'1', ' ', (byte) 0xFF, '\n'}));
    assertFimiAsBefore(file(new byte[] {'1', ' ', (byte) 0xE2, (byte) 0x82, '\n', '2', '\n'}));
    assertFimiAsBefore(file(new byte[] {'1', '\n', (byte) 0xC3}));
  }

  static Stream<String> hostileCsv() {
    return Stream.of(
        " milk , bread\n\nbread,,milk,bread\n", "milk,bread\r\nmilk\r\n", "milk,bread\r\nmilk", "\uFEFFmilk,bread\n",
        "milk\n\uFEFFmilk\n", "\n\n\n", "\r", ",,,\n", " \t, ,\n", "a,\u3000,b\n", "a\n\u2003\n", "a,\u00A0\n",
        "\u0001milk\u001F,bread\n", "milk\u0001,milk\n", "caf\u00E9,cafe\u0301,caf\u00E9\n", "\u65E5\u672C,\u65E5\n",
        "a\tb,a b\n", "a,b,c\rc,b,a\r", "x\n", "x", "x,x,x,x\n", "1,01,1.0\n");
  }

  @ParameterizedTest
  @MethodSource("hostileCsv")
  void hostileCsvAsBefore(String content) throws IOException {
    assertCsvAsBefore(file(content));
  }

  @Test
  void csvEdgeFilesAsBefore() throws IOException {
    assertCsvAsBefore(file(""));
    assertCsvAsBefore(dir.resolve("missing.csv"));
    assertCsvAsBefore(file(new byte[] {'a', ',', (byte) 0xFF, '\n'}));
    assertCsvAsBefore(file(new byte[] {'a', '\n', (byte) 0xF0, (byte) 0x9F}));
    assertCsvAsBefore(file(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}));
  }

  /** Random files over a small alphabet of separators, digits, signs, letters and line breaks, some long. */
  @Test
  void randomFilesAsBefore() throws IOException {
    Random random = new Random(17);
    String[] fimiAlphabet = {"0", "1", "7", "12", "100000", "4000000000", " ", " ", "  ", "\t", "\n", "\n", "\r\n",
        "\r", "-", "+", "x", "\u0001", "\u00E9", "\f"};
    String[] csvAlphabet = {"milk", "bread", "tea", " ", ",", ",", "\t", "\n", "\r\n", "\r", "\u00E9", "\u3000",
        "\u0001", "a b"};
    for (int round = 0; round < 300; round++) {
      boolean large = round % 25 == 0;
      int length = large ? 30_000 + random.nextInt(30_000) : random.nextInt(60);
      for (boolean fimi : new boolean[] {true, false}) {
        String[] alphabet = fimi ? fimiAlphabet : csvAlphabet;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
          String piece = alphabet[random.nextInt(alphabet.length)];
          // Long files are mostly well-formed, so that they get past their first lines.
          if (large && (piece.equals("x") || piece.equals("-") || piece.equals("\u0001") || piece.equals("\u00E9")
              || piece.equals("\u3000") || piece.equals("4000000000"))) {
            piece = " ";
          }
          s.append(piece);
        }
        Path file = file(s.toString());
        if (fimi) {
          assertFimiAsBefore(file);
        } else {
          assertCsvAsBefore(file);
        }
      }
    }
  }

  /** Lines longer than any read buffer, and a CRLF split by a buffer boundary. */
  @Test
  void longLinesAsBefore() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      s.append(i % 5000).append(i % 7 == 0 ? "\t" : " ");
    }
    s.append("\r\n");
    List<String> lines = new ArrayList<>();
    for (int pad = 0; pad < 70_000; pad += 1) {
      lines.add(Integer.toString(pad % 1000));
    }
    s.append(String.join("\r\n", lines));
    assertFimiAsBefore(file(s.toString()));
    assertCsvAsBefore(file(s.toString().replace(' ', ',')));
  }

  /** Tiny read buffers: every line crosses a buffer boundary, and so does many a CRLF. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64})
  void tinyBuffersReadAsBefore(int bufferSize) throws IOException {
    Path chess = DATA.resolve("chess.dat");
    assertSameBaskets(LegacyBasketReaders.readFimi(chess), BasketFiles.readFimi(chess, bufferSize));
    Path groceries = DATA.resolve("groceries.csv");
    assertSameBaskets(LegacyBasketReaders.readBasketCsv(groceries), BasketFiles.readBasketCsv(groceries, bufferSize));
    Path crlf = file("1 2\r\n\r\n3\r\r\n4 \u00E9\r\n5\r");
    assertThat(outcome(f -> BasketFiles.readFimi(f, bufferSize), crlf))
        .isEqualTo(outcome(LegacyBasketReaders::readFimi, crlf));
    Path csv = file("a,b\r\n\r\nc\r\r\nd,\u00E9\r\ne\r");
    assertThat(outcome(f -> BasketFiles.readBasketCsv(f, bufferSize), csv))
        .isEqualTo(outcome(LegacyBasketReaders::readBasketCsv, csv));
  }
}
