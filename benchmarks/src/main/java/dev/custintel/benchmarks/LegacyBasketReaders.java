package dev.custintel.benchmarks;

import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The basket readers of {@link Baskets} as they were before the byte-level rewrite (commit 9505ddb): a
 * {@link BufferedReader} line by line, {@code trim().split("\\s+")} and {@code Integer.parseInt} per FIMI token,
 * {@code split(",")} and {@code trim()} per CSV name, every name interned by {@link Baskets.Builder}: the before of
 * {@link BasketReadBenchmark}. A copy of the test-only class of the same name in sdk-analytics.
 */
final class LegacyBasketReaders {
  private LegacyBasketReaders() {}

  static Baskets readBasketCsv(Path file) {
    Baskets.Builder builder = Baskets.builder();
    List<String> basket = new ArrayList<>();
    read(file, (line, lineNumber) -> {
      basket.clear();
      for (String part : line.split(",", -1)) {
        String name = part.trim();
        if (!name.isEmpty()) {
          basket.add(name);
        }
      }
      builder.add(basket);
    });
    return builder.build();
  }

  static Baskets readFimi(Path file) {
    Baskets.Builder builder = Baskets.builder();
    List<String> basket = new ArrayList<>();
    read(file, (line, lineNumber) -> {
      basket.clear();
      for (String token : line.trim().split("\\s+")) {
        if (token.isEmpty()) {
          continue;
        }
        int id;
        try {
          id = Integer.parseInt(token);
        } catch (NumberFormatException e) {
          throw new InvalidInputException("line " + lineNumber, "item", "must be an integer (was '" + token + "')");
        }
        if (id < 0) {
          throw new InvalidInputException("line " + lineNumber, "item", "must be non-negative (was " + id + ")");
        }
        basket.add(Integer.toString(id));
      }
      builder.add(basket);
    });
    return builder.build();
  }

  private interface LineHandler {
    void line(String line, int lineNumber);
  }

  private static void read(Path file, LineHandler handler) {
    int lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        handler.line(line, lineNumber);
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          null, "file", "'" + file + "' cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    if (lineNumber == 0) {
      throw InvalidInputException.argument("file", "'" + file + "' is empty");
    }
  }
}
