package dev.custintel.analytics.models;

import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The CDNOW sample read straight from {@code data/clv/CDNOW_sample.txt}, and each customer's summary computed here,
 * without the SDK's summary code, so that tests compare the SDK with an independent count.
 */
final class CdnowFile {
  /** The sample's file, five columns: master id, sample id, date (yyyyMMdd), CDs, dollars. */
  static final Path FILE = TestData.file("clv/CDNOW_sample.txt");

  private static List<Row> rows;

  private CdnowFile() {}

  /** One line of the file: one order. */
  record Row(String customerId, LocalDate day, BigDecimal amount) {}

  /**
   * A customer's summary in weeks (or days) to an as-of day: same-day orders merged, x = purchase days − 1, t_x and T
   * from the first purchase day to the last purchase day and to the as-of day, monetary = mean amount of the repeat
   * days.
   */
  record Summary(
      String customerId, int x, double tx, double age, double monetary, LocalDate firstDay, LocalDate lastDay) {}

  /** @return every line of the file (non-blank), in file order */
  static synchronized List<Row> rows() {
    if (rows == null) {
      List<Row> read = new ArrayList<>();
      try {
        for (String line : Files.readAllLines(FILE, StandardCharsets.US_ASCII)) {
          if (line.isBlank()) {
            continue;
          }
          String[] f = line.trim().split("\\s+");
          read.add(new Row(f[0], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      rows = List.copyOf(read);
    }
    return rows;
  }

  /** @return each customer's purchase days in the file (amounts of the same day summed), by customer id */
  static NavigableMap<String, NavigableMap<LocalDate, BigDecimal>> days(LocalDate asOf) {
    return days(rows(), asOf);
  }

  /** @return each customer's purchase days up to {@code asOf} (amounts of the same day summed), by customer id */
  static NavigableMap<String, NavigableMap<LocalDate, BigDecimal>> days(List<Row> rows, LocalDate asOf) {
    NavigableMap<String, NavigableMap<LocalDate, BigDecimal>> days = new TreeMap<>();
    for (Row r : rows) {
      if (!r.day().isAfter(asOf)) {
        days.computeIfAbsent(r.customerId(), k -> new TreeMap<>()).merge(r.day(), r.amount(), BigDecimal::add);
      }
    }
    return days;
  }

  /** @return the summaries in weeks of every customer of the file with a purchase on or before {@code asOf} */
  static NavigableMap<String, Summary> summaries(LocalDate asOf) {
    return summaries(rows(), asOf, 7);
  }

  /**
   * @param rows orders
   * @param asOf the as-of day
   * @param unitDays days per time unit: 7 for weeks, 1 for days
   * @return the summaries of every customer with a purchase on or before {@code asOf}, by customer id
   */
  static NavigableMap<String, Summary> summaries(List<Row> rows, LocalDate asOf, int unitDays) {
    NavigableMap<String, Summary> out = new TreeMap<>();
    for (Map.Entry<String, NavigableMap<LocalDate, BigDecimal>> e : days(rows, asOf).entrySet()) {
      NavigableMap<LocalDate, BigDecimal> d = e.getValue();
      LocalDate first = d.firstKey();
      LocalDate last = d.lastKey();
      int x = d.size() - 1;
      double repeatSum = d.tailMap(first, false).values().stream().mapToDouble(BigDecimal::doubleValue).sum();
      out.put(e.getKey(), new Summary(e.getKey(), x, between(first, last, unitDays),
          between(first, asOf, unitDays), x == 0 ? 0.0 : repeatSum / x, first, last));
    }
    return out;
  }

  private static double between(LocalDate from, LocalDate to, int unitDays) {
    return ChronoUnit.DAYS.between(from, to) / (double) unitDays;
  }
}
