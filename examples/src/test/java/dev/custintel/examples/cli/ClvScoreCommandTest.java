package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.FitDiagnostics;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv score} on the CDNOW sample (2,357 customers, calibration to 1997-09-30, weeks, 12 months at 1% a
 * month): the CSV contract, values against independent references, the options' effects, and the errors.
 */
class ClvScoreCommandTest {
  private static final String HEADER =
      "customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,clv,clv_low,clv_high";
  /** A plain decimal: no exponent, no NaN, no infinity. */
  private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private static Path cdnow;
  private static CliRun run;
  private static Map<String, Row> rows;

  @TempDir Path dir;

  @BeforeAll
  static void scoreCdnowOnce() {
    cdnow = TestData.file("clv/CDNOW_sample.txt");
    run = score();
    rows = rows(run);
  }

  @Test
  void cdnow_printsTheHeaderAndOnePlainRowPerCustomerInIdOrder() {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(HEADER);
    assertThat(lines).hasSize(1 + 2_357);
    assertThat(rows).hasSize(2_357);
    List<String> ids = new ArrayList<>(rows.keySet());
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    for (String line : lines.subList(1, lines.size())) {
      List<String> fields = fields(line);
      assertThat(fields).as(line).hasSize(10);
      assertThat(fields.get(1)).as(line).matches("[0-9]+");
      for (String number : fields.subList(2, 10)) {
        assertThat(number).as(line).matches(PLAIN);
      }
    }
    for (Row r : rows.values()) {
      assertThat(r.pAlive).as(r.id).isBetween(0.0, 1.0);
      assertThat(r.clvLow).as(r.id).isLessThanOrEqualTo(r.clv);
      assertThat(r.clv).as(r.id).isLessThanOrEqualTo(r.clvHigh);
      assertThat(r.clvLow).as(r.id).isNotNegative();
      assertThat(r.expectedPurchases).as(r.id).isNotNegative();
    }
  }

  @Test
  void cdnow_summaryOnStderrNamesModelParamsAndTotal() {
    double total = rows.values().stream().mapToDouble(r -> r.clv).sum();

    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("custintel: scored 2,357 customers to 1997-09-30 with mbgnbd (r 0.52")
        .contains("alpha 6.18", "gammaGamma (p 6.2", "over 12 months", "USD", "discount 0.01 a month")
        .contains(String.format(java.util.Locale.ROOT, "%.2f USD", total));
  }

  /**
   * References computed independently with mpmath at 30 digits, from the modified BG/NBD's conditional expectation
   * {@code E[Y(t) | x, t_x, T]} (Batislam et al. 2007, with its 2F1) and P(alive), the Gamma-Gamma's
   * {@code E[Z | x, z̄] = p (γ + x z̄) / (p x + q − 1)} and the monthly sum of {@link
   * dev.custintel.analytics.clv.CustomerValueModel} (months of 365.25 / 12 days, in weeks), at the published-format
   * fit: MBG/NBD log-params [-0.6446710576164719, 1.821799099920442, -0.11500461121016342, 0.47872868161051285],
   * Gamma-Gamma p 6.248802695722142, q 3.7445884326229497, γ 15.447747347835632.
   *
   * <p>On the summaries rounded to 2 decimals, as published (x = 2, t_x = 30.43, T = 38.86, z̄ = 22.35 for the
   * sample's customer 1; x = 7, 29.43, 38.86, 73.74 for its customer 6; x = 0, T = 33.57), the same script gives
   * the listed clv 37.2071556860824, 267.899563279859 and 7.58951276235876 and expected purchases 1.60119918378311,
   * 3.97402078430915 and 0.229238740137895 to every digit. The values below are from the same script on the exact
   * summaries the raw file gives (t_x = 213/7, T = 272/7, z̄ = 44.69/2 and so on), which differ from the rounded
   * ones by up to 1.3e-4 relative. The CLI fits its own parameters on those exact summaries, which moves the
   * values by up to 2.6e-5 relative; hence the tolerance of 1e-4.
   */
  @Test
  void cdnow_valuesMatchIndependentReferences() {
    // The CDNOW import keeps the file's first column (the master customer id): sample customer 1 is 00004,
    // sample customer 6 is 00111; 10227 first bought on 1997-02-07 and not again before the calibration end.
    Row one = rows.get("00004");
    assertThat(one.frequency).isEqualTo(2);
    assertThat(one.recency).isCloseTo(213 / 7.0, within(1e-12));
    assertThat(one.age).isCloseTo(272 / 7.0, within(1e-12));
    assertThat(one.monetaryValue).isCloseTo(22.345, within(1e-12));
    assertRelative(one.clv, 37.20353489670711, 1e-4);
    assertRelative(one.expectedPurchases, 1.601309237780259, 1e-4);
    assertRelative(one.pAlive, 0.7061389916194499, 1e-4);
    assertRelative(one.clv, 37.2071556860824, 0.005);

    Row six = rows.get("00111");
    assertThat(six.frequency).isEqualTo(7);
    assertThat(six.recency).isCloseTo(206 / 7.0, within(1e-12));
    assertThat(six.monetaryValue).isCloseTo(516.19 / 7, within(1e-9));
    assertRelative(six.clv, 267.9353246753217, 1e-4);
    assertRelative(six.expectedPurchases, 3.974475470385832, 1e-4);
    assertRelative(six.pAlive, 0.6226789826782593, 1e-4);
    assertRelative(six.clv, 267.899563279859, 0.005);

    Row once = rows.get("10227");
    assertThat(once.frequency).isZero();
    assertThat(once.recency).isZero();
    assertThat(once.age).isCloseTo(235 / 7.0, within(1e-12));
    assertThat(once.monetaryValue).isZero();
    assertRelative(once.clv, 7.589197370486417, 1e-4);
    assertRelative(once.expectedPurchases, 0.2292292361373285, 1e-4);
    assertRelative(once.pAlive, 0.4054171086070126, 1e-4);
    assertRelative(once.clv, 7.58951276235876, 0.005);
  }

  @Test
  void bgNbd_givesEveryOneTimeBuyerPAliveOne() {
    CliRun bg = score("--model", "BGNBD");

    assertThat(bg.exitCode()).as(bg.toString()).isZero();
    assertThat(bg.err()).contains("with bgnbd (r 0.24");
    Map<String, Row> bgRows = rows(bg);
    assertThat(bgRows.keySet()).containsExactlyElementsOf(rows.keySet());
    long oneTime = 0;
    for (Row r : bgRows.values()) {
      if (r.frequency == 0) {
        oneTime++;
        assertThat(r.pAliveText).as(r.id).isEqualTo("1.0");
        assertThat(rows.get(r.id).pAlive).as(r.id).isLessThan(1.0);
      }
    }
    assertThat(oneTime).isEqualTo(1_411);
  }

  @Test
  void longerHorizon_raisesEveryPositiveValue() {
    Map<String, Row> twoYears = rows(score("--horizon-months", "24"));

    assertThat(twoYears).hasSameSizeAs(rows);
    for (Row r : rows.values()) {
      Row longer = twoYears.get(r.id);
      assertThat(longer.pAlive).isEqualTo(r.pAlive);
      if (r.clv > 0) {
        assertThat(longer.clv).as(r.id).isGreaterThan(r.clv);
        assertThat(longer.expectedPurchases).as(r.id).isGreaterThan(r.expectedPurchases);
      }
    }
  }

  @Test
  void higherDiscount_neverRaisesAValue() {
    Map<String, Row> none = rows(score("--monthly-discount-rate", "0"));
    Map<String, Row> five = rows(score("--monthly-discount-rate", "0.05"));

    assertThat(none).hasSameSizeAs(rows);
    for (Row r : none.values()) {
      Row discounted = five.get(r.id);
      assertThat(r.clv).as(r.id).isGreaterThanOrEqualTo(discounted.clv).isGreaterThanOrEqualTo(rows.get(r.id).clv);
      assertThat(discounted.expectedPurchases).as(r.id).isEqualTo(r.expectedPurchases);
    }
  }

  @Test
  void customerIdsWithCommasAndQuotes_areQuotedAsRfc4180() throws IOException {
    // The CDNOW sample as an orders CSV, with two customers renamed.
    StringBuilder csv = new StringBuilder("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency\n");
    int n = 0;
    for (String line : Files.readAllLines(cdnow, StandardCharsets.US_ASCII)) {
      String[] f = line.trim().split("\\s+");
      if (f.length != 5) {
        continue;
      }
      String id = f[0].equals("00004") ? "\"00004,\"\"b\"\"\"" : f[0].equals("00111") ? "\"00111\"\"\"" : f[0];
      String day = f[2].substring(0, 4) + "-" + f[2].substring(4, 6) + "-" + f[2].substring(6);
      csv.append("O-").append(++n).append(',').append(id).append(',').append(day).append(",P-1,1,").append(f[4])
          .append(",USD\n");
    }
    Path file = dir.resolve("cdnow-orders.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);

    CliRun renamed = CliRun.run("clv", "score", "--transactions", file.toString(), "--format", "orders-csv",
        "--calibration-end", "1997-09-30");

    assertThat(renamed.exitCode()).as(renamed.toString()).isZero();
    assertThat(renamed.out()).contains("\n\"00004,\"\"b\"\"\",2,", "\n\"00111\"\"\",7,");
    Map<String, Row> byId = rows(renamed);
    assertThat(byId).hasSize(2_357).containsKeys("00004,\"b\"", "00111\"");
    assertThat(byId.get("00004,\"b\"").clv).isEqualTo(rows.get("00004").clv);
    assertThat(byId.get("00111\"").clv).isEqualTo(rows.get("00111").clv);
  }

  @Test
  void csvField_quotesOnlyWhenNeeded() {
    assertThat(ClvScoreCommand.csvField("C-1")).isEqualTo("C-1");
    assertThat(ClvScoreCommand.csvField("a,b")).isEqualTo("\"a,b\"");
    assertThat(ClvScoreCommand.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ClvScoreCommand.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(ClvScoreCommand.csvField("")).isEmpty();
    assertThat(ClvScoreCommand.plain(1e-5, "c")).isEqualTo("0.000010");
    assertThat(ClvScoreCommand.plain(1.5e12, "c")).isEqualTo("1500000000000");
    assertThat(ClvScoreCommand.plain(0.0, "c")).isEqualTo("0.0");
    assertThatThrownBy(() -> ClvScoreCommand.plain(Double.NaN, "C-7")).isInstanceOf(CliException.class)
        .hasMessageContaining("C-7");
  }

  @Test
  void badOptions_exit2NamingTheOption() {
    CliRun negative = score("--horizon-months", "-3");
    CliRun discount = score("--monthly-discount-rate", "1");
    CliRun model = score("--model", "weibull");
    CliRun level = score("--interval-level", "1.5");
    CliRun notANumber = score("--horizon-months", "twelve");

    for (CliRun r : List.of(negative, discount, model, level, notANumber)) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(CustintelCli.USAGE);
      assertThat(r.out()).isEmpty();
    }
    assertThat(negative.firstErrLine()).contains("--horizon-months must be above 0", "-3");
    assertThat(discount.firstErrLine()).contains("--monthly-discount-rate must be 0 or more and below 1");
    assertThat(model.firstErrLine()).contains("--model", "bgnbd, mbgnbd, paretoNbd", "weibull");
    assertThat(level.firstErrLine()).contains("--interval-level must be between 0 and 1", "1.5");
    assertThat(notANumber.firstErrLine()).contains("--horizon-months", "twelve");
  }

  @Test
  void fitThatDoesNotConverge_exits1WithIterationsAndGradientNorm() throws IOException {
    // Six customers: too few for the searches to settle (which fit gives up first depends on the data's shape).
    Path file = dir.resolve("tiny.csv");
    Files.writeString(file, String.join("\n",
        "order_id,customer_id,placed_at,product_id,quantity,unit_price,currency",
        "O-1,C1,2024-01-02,P-1,1,10,EUR", "O-2,C1,2024-02-02,P-1,1,12,EUR",
        "O-3,C2,2024-01-05,P-1,1,20,EUR", "O-4,C2,2024-03-05,P-1,1,25,EUR", "O-5,C2,2024-03-25,P-1,1,15,EUR",
        "O-6,C3,2024-01-09,P-1,1,30,EUR", "O-7,C4,2024-02-01,P-1,1,8,EUR", "O-8,C4,2024-02-20,P-1,1,9,EUR",
        "O-9,C5,2024-02-11,P-1,1,40,EUR", "O-10,C6,2024-01-15,P-1,1,11,EUR", "O-11,C6,2024-03-15,P-1,1,13,EUR",
        ""), StandardCharsets.UTF_8);

    CliRun tiny = CliRun.run("clv", "score", "--transactions", file.toString(), "--format", "orders-csv",
        "--calibration-end", "2024-03-31");

    assertThat(tiny.exitCode()).as(tiny.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(tiny.out()).isEmpty();
    assertThat(tiny.err().strip().lines()).singleElement().asString()
        .matches("custintel: the (mbgnbd|gammaGamma) fit did not converge after .*")
        .containsPattern("after [0-9]+ iterations \\(gradient norm [0-9.E-]+\\)");
    assertThatThrownBy(() -> ClvScoreCommand.requireConverged("gammaGamma",
        Optional.of(new FitDiagnostics(1_000, 0.25, false, 12))))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("the gammaGamma fit did not converge after 1000 iterations (gradient norm 0.25)");
  }

  @Test
  void calibrationEndBeforeAllData_exits1NamingTheOption() {
    CliRun early = CliRun.run("clv", "score", "--transactions", cdnow.toString(), "--format", "cdnow",
        "--calibration-end", "1996-12-31");

    assertThat(early.exitCode()).as(early.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(early.out()).isEmpty();
    assertThat(early.err()).startsWith("custintel: --calibration-end is before every transaction");
  }

  @Test
  void help_documentsTheColumnsAndOptions() {
    CliRun help = CliRun.run("clv", "score", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out().replaceAll("\\s+", " ")).contains(String.join(", ", HEADER.split(",")), "RFC 4180",
        "bgnbd, mbgnbd, paretoNbd", "12.7% a year");
    assertThat(help.out()).contains("--transactions", "--format", "--calibration-end", "--period", "--currency",
        "--horizon-months", "--monthly-discount-rate", "--model", "--interval-level");
    assertThat(help.err()).isEmpty();
    assertThat(CliRun.run("clv", "--help").out()).contains("score");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static CliRun score(String... options) {
    List<String> args = new ArrayList<>(List.of("clv", "score", "--transactions", cdnow.toString(), "--format",
        "cdnow", "--calibration-end", "1997-09-30", "--period", "week"));
    args.addAll(List.of(options));
    return CliRun.run(args.toArray(String[]::new));
  }

  private static void assertRelative(double actual, double expected, double relative) {
    assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * relative));
  }

  /** One CSV row, its numbers parsed. */
  private record Row(
      String id, int frequency, double recency, double age, double monetaryValue, String pAliveText, double pAlive,
      double expectedPurchases, double clv, double clvLow, double clvHigh) {}

  /** @return the rows of a successful run by customer id, in output order */
  private static Map<String, Row> rows(CliRun r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(HEADER);
    Map<String, Row> result = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = fields(line);
      Row row = new Row(f.get(0), Integer.parseInt(f.get(1)), Double.parseDouble(f.get(2)),
          Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4)), f.get(5), Double.parseDouble(f.get(5)),
          Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7)), Double.parseDouble(f.get(8)),
          Double.parseDouble(f.get(9)));
      assertThat(result.put(row.id(), row)).as("duplicate %s", row.id()).isNull();
    }
    return result;
  }

  /** Splits one RFC 4180 record without line breaks in its fields. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
