package dev.custintel.core.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CDNOW parser's hand-written column split and date parse (issue 17: the regular expression and the date
 * formatter were most of its time per row) against what they replaced, on random and on edge-case input.
 */
class CdnowTokensAndDatesTest {
  private static final Pattern OLD_WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern OLD_EIGHT_DIGITS = Pattern.compile("\\d{8}");
  private static final DateTimeFormatter OLD_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  @Test
  void columnsSplitAsTheRegularExpressionSplitsThem() {
    String[] edge = {"a", " a ", "a b", "a\tb", "a  \t b", "\u2003a b\u2003", "a\u2003b", "a\u00a0b", "a\u000Bb",
        "a\fb\r", "a\u001cb", "00001 00001 19970101 1 11.77", "   ", "\t", "x\u0085y", "\u3000x\u3000"};
    for (String line : edge) {
      assertThat(CdnowParser.tokens(line)).as("[%s]", line).containsExactly(OLD_WHITESPACE.split(line.strip()));
    }
    char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u2003', '\u00a0', '\u0085', '\u001c', '\u3000', 'a',
        '1', '.', '-'};
    Random random = new Random(17);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder line = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        line.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = line.toString();
      assertThat(CdnowParser.tokens(s)).as("[%s]", s).containsExactly(OLD_WHITESPACE.split(s.strip()));
    }
  }

  @Test
  void datesParseAsTheStrictFormatterParsedThem() {
    String[] edge = {"19970101", "19970229", "19960229", "20000229", "19000229", "00000101", "99991231", "19971301",
        "19970001", "19970100", "19970132", "1997010", "199701011", "1997-1-1", "1997O101", "١٩٩٧٠١٠١", "+9970101",
        " 9970101", "19970431", "19970430"};
    for (String text : edge) {
      assertSameAsBefore(text);
    }
    Random random = new Random(23);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = 6 + random.nextInt(4);
      for (int k = 0; k < length; k++) {
        text.append(random.nextInt(20) == 0 ? 'x' : (char) ('0' + random.nextInt(10)));
      }
      assertSameAsBefore(text.toString());
      LocalDate d = LocalDate.ofEpochDay(random.nextInt(3_000_000) - 700_000);
      if (d.getYear() >= 0 && d.getYear() <= 9999) {
        assertSameAsBefore(String.format(Locale.ROOT, "%04d%02d%02d", d.getYear(), d.getMonthValue(),
            d.getDayOfMonth()));
      }
    }
  }

  private static void assertSameAsBefore(String text) {
    LocalDate before = oldDate(text);
    if (before == null) {
      assertThatThrownBy(() -> CdnowParser.date(text)).as(text).isInstanceOf(BadRowException.class)
          .hasMessageContaining("is not a date YYYYMMDD");
    } else {
      assertThat(CdnowParser.date(text)).as(text).isEqualTo(before);
    }
  }

  private static LocalDate oldDate(String text) {
    if (OLD_EIGHT_DIGITS.matcher(text).matches()) {
      try {
        return LocalDate.parse(text, OLD_DATE);
      } catch (DateTimeException e) {
        return null;
      }
    }
    return null;
  }
}
