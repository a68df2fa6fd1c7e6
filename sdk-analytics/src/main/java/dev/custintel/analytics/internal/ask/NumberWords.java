package dev.custintel.analytics.internal.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Numbers written in words, as people type them in questions ("top ten", "twenty-five", "a dozen", "two hundred",
 * "1,000", "3k"), turned into digits, so that the rest of the parser sees one form. Only whole numbers up to the
 * millions; ordinals and fractions are left alone. Pure and thread-safe. Not API.
 */
public final class NumberWords {
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("zero", 0L), Map.entry("one", 1L), Map.entry("two", 2L), Map.entry("three", 3L),
      Map.entry("four", 4L), Map.entry("five", 5L), Map.entry("six", 6L), Map.entry("seven", 7L),
      Map.entry("eight", 8L), Map.entry("nine", 9L), Map.entry("ten", 10L), Map.entry("eleven", 11L),
      Map.entry("twelve", 12L), Map.entry("thirteen", 13L), Map.entry("fourteen", 14L), Map.entry("fifteen", 15L),
      Map.entry("sixteen", 16L), Map.entry("seventeen", 17L), Map.entry("eighteen", 18L),
      Map.entry("nineteen", 19L), Map.entry("twenty", 20L), Map.entry("thirty", 30L), Map.entry("forty", 40L),
      Map.entry("fourty", 40L), Map.entry("fifty", 50L), Map.entry("sixty", 60L), Map.entry("seventy", 70L),
      Map.entry("eighty", 80L), Map.entry("ninety", 90L), Map.entry("dozen", 12L), Map.entry("couple", 2L));
  private static final Map<String, Long> SCALES = Map.of("hundred", 100L, "thousand", 1_000L, "million",
      1_000_000L);

  private NumberWords() {}

  /**
   * @param text lower-case text, words separated by spaces
   * @return the text with each number in words, or with digits and a thousands separator or a {@code k} suffix,
   *     written as plain digits ("top ten vip" → "top 10 vip", "a dozen" → "12", "1,500" → "1500", "2k" → "2000")
   */
  public static String digits(String text) {
    String[] words = text.split(" ", -1);
    List<String> out = new ArrayList<>(words.length);
    int i = 0;
    while (i < words.length) {
      int[] end = new int[1];
      Long value = read(words, i, end);
      if (value == null) {
        out.add(plainDigits(words[i]));
        i++;
      } else {
        out.add(Long.toString(value));
        i = end[0];
      }
    }
    return String.join(" ", out);
  }

  /** "1,500" → "1500", "2k" → "2000", anything else as it is. */
  private static String plainDigits(String word) {
    if (word.matches("\\d{1,3}(,\\d{3})+")) {
      return word.replace(",", "");
    }
    if (word.matches("\\d{1,4}k")) {
      return Long.toString(Long.parseLong(word.substring(0, word.length() - 1)) * 1_000);
    }
    return word;
  }

  /**
   * Reads a number in words starting at {@code from}: "a"/"an" only before a scale or "dozen"/"couple" ("a
   * hundred", "a dozen"), units and tens joined by a hyphen or a space ("twenty-five", "twenty five"), scales and
   * "and" between them ("two hundred and fifty").
   *
   * @return the number, with {@code end[0]} the index after its last word, or null when none starts there
   */
  private static @Nullable Long read(String[] words, int from, int[] end) {
    long total = 0;
    long current = 0;
    boolean any = false;
    int i = from;
    while (i < words.length) {
      String w = words[i].toLowerCase(Locale.ROOT);
      if ((w.equals("a") || w.equals("an")) && !any && i + 1 < words.length
          && (SCALES.containsKey(words[i + 1]) || words[i + 1].equals("dozen") || words[i + 1].equals("couple"))) {
        current = 1;
        any = true;
        i++;
        continue;
      }
      if (w.equals("of") && any && (words[i - 1].equals("dozen") || words[i - 1].equals("couple"))) {
        i++; // "a couple of", "a dozen of"
        break;
      }
      if (w.equals("and") && any && i + 1 < words.length && UNITS.containsKey(base(words[i + 1]))) {
        i++;
        continue;
      }
      Long unit = tens(w);
      if (unit != null) {
        if (w.equals("dozen") || w.equals("couple")) {
          current = (current == 0 ? 1 : current) * unit;
        } else {
          current += unit;
        }
        any = true;
        i++;
        continue;
      }
      Long scale = SCALES.get(w);
      if (scale != null && any) {
        if (scale == 100) {
          current *= 100;
        } else {
          total += (current == 0 ? 1 : current) * scale;
          current = 0;
        }
        i++;
        continue;
      }
      break;
    }
    if (!any) {
      return null;
    }
    // "and" or "a" dangling at the end belongs to the sentence, not the number.
    while (i > from && (words[i - 1].equals("and"))) {
      i--;
    }
    end[0] = i;
    return total + current;
  }

  /** A unit or a tens word, or "twenty-five" joined by a hyphen; null otherwise. */
  private static @Nullable Long tens(String word) {
    Long unit = UNITS.get(word);
    if (unit != null) {
      return unit;
    }
    int dash = word.indexOf('-');
    if (dash > 0) {
      Long tens = UNITS.get(word.substring(0, dash));
      Long ones = UNITS.get(word.substring(dash + 1));
      if (tens != null && ones != null && tens >= 20 && tens % 10 == 0 && ones > 0 && ones < 10) {
        return tens + ones;
      }
    }
    return null;
  }

  private static String base(String word) {
    int dash = word.indexOf('-');
    return dash > 0 ? word.substring(0, dash) : word;
  }
}
