package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link PlainCommandLine} against picocli: it takes only lines that picocli accepts, sets the fields picocli sets to
 * the values picocli sets, and a run it parsed answers, fails and refuses exactly as a run that picocli parsed.
 */
class PlainCommandLineTest {
  private static final List<String[]> PATHS =
      List.of(new String[] {"affinity", "mine"}, new String[] {"clv", "fit"}, new String[] {"clv", "score"});

  @TempDir Path dir;

  /**
   * For each command, its required options alone, then with each optional option (as {@code --name value} and as
   * {@code --name=value}), then with all of them: every line picocli accepts, and the same fields.
   */
  @Test
  void everyOption_plainLinesSetTheFieldsPicocliSets() throws Exception {
    int compared = 0;
    for (String[] path : PATHS) {
      CommandSpec spec = leaf(CustintelCli.reflectiveCommandLine(path), path).getCommandSpec();
      List<String> required = new ArrayList<>();
      List<List<String>> optional = new ArrayList<>();
      List<String> all = new ArrayList<>();
      for (OptionSpec option : spec.options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        boolean flag = option.type() == boolean.class;
        List<String> words = flag ? List.of(option.longestName())
            : List.of(option.longestName(), sampleValue(path, option));
        if (option.required()) {
          required.addAll(words);
        } else {
          optional.add(words);
          if (!flag) {
            optional.add(List.of(option.longestName() + "=" + words.get(1)));
          }
          all.addAll(words);
        }
      }
      List<List<String>> lines = new ArrayList<>();
      lines.add(line(path, required, List.of()));
      for (List<String> words : optional) {
        lines.add(line(path, required, words));
      }
      lines.add(line(path, required, all));
      lines.add(line(path, all, required)); // another order
      for (List<String> words : lines) {
        String[] args = words.toArray(new String[0]);
        Map<String, Object> picocli = picocliFields(args);
        FileCommand plain = PlainCommandLine.parse(args);
        assertThat(picocli).as("picocli accepts " + words).isNotNull();
        assertThat(plain).as("a plain line: " + words).isNotNull();
        assertThat(CommandModelsTest.fields(Objects.requireNonNull(plain))).as(words.toString()).isEqualTo(picocli);
        compared++;
      }
    }
    assertThat(compared).as("lines compared").isGreaterThan(40);
  }

  /** Lines that a parse without picocli must leave to it: picocli refuses them, or reads them in its own way. */
  @Test
  void linesThatNeedPicocli_areLeftToIt() {
    String baskets = "--baskets=" + TestData.file("affinity/groceries.csv");
    List<List<String>> lines = List.of(
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--help"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "-h"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "-V"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-support"), // no value
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-support", "-1"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-support="),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-support", ""),
        List.of("affinity", "mine", baskets, "--format", "@formats.txt", "--min-support", "0.1"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-support", "0.1", "--"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-support", "0.1", "extra"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-suport", "0.1"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-support", "0.1",
            "--min-support", "0.2"),
        List.of("affinity", "mine", baskets, "--format", "basket-csv", "--min-support", "x"),
        List.of("affinity", "mine", baskets, "--format", "no-such-format", "--min-support", "0.1"),
        List.of("affinity", "mine", "--format", "basket-csv", "--min-support", "0.1"), // --baskets missing
        List.of("clv", "fit", "--transactions", "t.txt", "--format", "cdnow", "--calibration-end", "1997-09-30",
            "--allow-unconverged=true"),
        List.of("clv", "fit", "--transactions", "t.txt", "--format", "cdnow", "--calibration-end", "1997-09-30",
            "--allow-unconverged", "--allow-unconverged"),
        List.of("clv", "fit", "--transactions", "t.txt", "--format", "cdnow", "--calibration-end", "1997-13-01"),
        List.of("clv", "score", "--transactions", "t.txt", "--format", "cdnow", "--calibration-end", "1997-09-30",
            "--horizon-months", "0x10"),
        List.of("clv", "fit", "help"),
        List.of("clv", "help", "fit"),
        List.of("clv"),
        List.of("import", "--db", "jdbc:h2:mem:x", "--format", "cdnow", "t.txt"),
        List.of("affinity"));
    for (List<String> words : lines) {
      assertThat(PlainCommandLine.parse(words.toArray(new String[0]))).as(words.toString()).isNull();
    }
  }

  /** A system property of picocli's may change how it parses (such as trimming quotes): picocli parses then. */
  @Test
  void aRunWithPicocliSettings_isLeftToPicocli() {
    String[] args = {"affinity", "mine", "--baskets", "\"b.csv\"", "--format", "basket-csv", "--min-support", "0.1"};
    assertThat(PlainCommandLine.parse(args)).isNotNull();
    System.setProperty("picocli.trimQuotes", "true");
    try {
      assertThat(PlainCommandLine.parse(args)).isNull();
    } finally {
      System.clearProperty("picocli.trimQuotes");
    }
  }

  /**
   * Runs that the plain parse took and whose command then succeeds, refuses an option or fails: the exit code,
   * stdout and stderr are those of the same run parsed by picocli (but the elapsed times the answers report).
   */
  @Test
  void plainRuns_answerRefuseAndFailAsPicocliRuns() throws Exception {
    String groceries = TestData.file("affinity/groceries.csv").toString();
    String cdnow = TestData.file("clv/CDNOW_sample.txt").toString();
    Path empty = Files.createFile(dir.resolve("empty.txt"));
    List<List<String>> lines = List.of(
        List.of("affinity", "mine", "--baskets", groceries, "--format", "basket-csv", "--min-support", "0.01"),
        List.of("affinity", "mine", "--baskets", groceries, "--format", "basket-csv", "--min-support", "0.01",
            "--min-confidence", "0.3", "--output", "csv"),
        List.of("affinity", "mine", "--baskets", groceries, "--format", "basket-csv", "--min-support", "2"),
        List.of("affinity", "mine", "--baskets", groceries, "--format", "basket-csv", "--min-support", "0.01",
            "--output", "csv"),
        List.of("affinity", "mine", "--baskets", groceries, "--format", "basket-csv", "--min-support", "0.01",
            "--exclude", "whole milk"),
        List.of("affinity", "mine", "--baskets", dir.resolve("missing.csv").toString(), "--format", "basket-csv",
            "--min-support", "0.01"),
        List.of("clv", "fit", "--transactions", cdnow, "--format", "cdnow", "--calibration-end", "1997-09-30",
            "--holdout-end", "1997-01-01"),
        List.of("clv", "fit", "--transactions", cdnow, "--format", "cdnow", "--calibration-end", "1997-09-30",
            "--currency", "EUR"),
        List.of("clv", "fit", "--transactions", empty.toString(), "--format", "cdnow",
            "--calibration-end", "1997-09-30"),
        List.of("clv", "score", "--transactions", cdnow, "--format", "cdnow", "--calibration-end", "1997-09-30",
            "--horizon-months", "0"),
        List.of("clv", "score", "--transactions", cdnow, "--format", "cdnow", "--calibration-end", "1997-09-30",
            "--model", "bgnbd", "--horizon-months", "6"));
    int failures = 0;
    for (List<String> words : lines) {
      String[] args = words.toArray(new String[0]);
      assertThat(PlainCommandLine.parse(args)).as("a plain line: " + words).isNotNull();
      Run plain = run(true, args);
      Run picocli = run(false, args);
      assertThat(plain).as(words.toString()).isEqualTo(picocli);
      if (plain.exitCode() != CustintelCli.OK) {
        failures++;
      }
    }
    assertThat(failures).as("runs that refused or failed").isEqualTo(8);
  }

  /**
   * The point of the plain parse: a cold {@code affinity mine} in a new JVM answers without making picocli's
   * parser or its built-in converters (classes that a picocli parse cannot do without).
   */
  @Test
  void aColdPlainRun_neverBuildsPicoclisModel() throws Exception {
    Path log = dir.resolve("classes.log");
    CliRun run = CliRun.inNewJvm(dir, log, "affinity", "mine", "--baskets",
        TestData.file("affinity/groceries.csv").toString(), "--format", "basket-csv", "--min-support", "0.05");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"frequentItemsets\"");
    assertThat(Files.readString(log)).as("the run's class-load log")
        .contains("dev.custintel.examples.cli.PlainCommandLine ")
        .doesNotContain("picocli.CommandLine$Interpreter ")
        .doesNotContain("picocli.CommandLine$BuiltIn ");
  }

  /** One run's outcome, the elapsed times taken out. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(boolean plain, String[] args) {
    CliRun run = CliRun.run(plain, args);
    return new Run(run.exitCode(), withoutTimes(run.out()), withoutTimes(run.err()));
  }

  private static String withoutTimes(String text) {
    return text.replaceAll("\"elapsedMillis\" : \\d+", "\"elapsedMillis\" : 0").replaceAll("\\(\\d+ ms\\)", "(0 ms)");
  }

  /** @return the fields picocli sets for the line, or null if it refuses it */
  private static @Nullable Map<String, Object> picocliFields(String[] args) {
    CommandLine cli = CustintelCli.reflectiveCommandLine(args);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      CommandLine.ParseResult result = cli.parseArgs(args);
      while (result.hasSubcommand()) {
        result = result.subcommand();
      }
      return CommandModelsTest.fields(result.commandSpec().userObject());
    } catch (CommandLine.ParameterException e) {
      return null;
    }
  }

  /** A value of the option that its command accepts, and not its default (so that setting it shows). */
  private static String sampleValue(String[] path, OptionSpec option) {
    return switch (option.longestName()) {
      case "--baskets", "--transactions" -> "input.txt";
      case "--format" -> path[0].equals("affinity") ? "basket-csv" : "cdnow";
      case "--min-support", "--min-confidence" -> "0.25";
      case "--min-count", "--max-length", "--max-consequent" -> "3";
      case "--min-lift" -> "1.5";
      case "--output" -> "csv";
      case "--items" -> "stock-code";
      case "--exclude" -> "POSTAGE";
      case "--currency" -> "EUR";
      case "--period" -> "day";
      case "--calibration-end" -> "1997-09-30";
      case "--holdout-end" -> "1998-06-30";
      case "--horizon-months" -> "6";
      case "--monthly-discount-rate" -> "0.02";
      case "--model" -> "bgnbd";
      case "--interval-level" -> "0.8";
      default -> throw new AssertionError("no sample value for " + option.longestName() + ": add one");
    };
  }

  private static List<String> line(String[] path, List<String> first, List<String> then) {
    List<String> words = new ArrayList<>(Arrays.asList(path));
    words.addAll(first);
    words.addAll(then);
    return words;
  }

  private static CommandLine leaf(CommandLine root, String[] path) {
    CommandLine current = root;
    for (String name : path) {
      current = current.getSubcommands().get(name);
    }
    return current;
  }
}
