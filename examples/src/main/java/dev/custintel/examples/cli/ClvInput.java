package dev.custintel.examples.cli;

import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.imports.ImportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every {@code clv} subcommand shares: which transaction file, in which layout, which currency and
 * which period unit. Used as a picocli mixin; {@link #load()} reads the file into memory (no database).
 */
final class ClvInput {

  @Option(
      names = "--transactions",
      required = true,
      paramLabel = "FILE",
      description = "The transaction (order) file; - reads standard input")
  Path transactions;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      converter = ImportCommand.FormatConverter.class,
      completionCandidates = ImportCommand.FormatNames.class,
      description = "The file's layout, as for 'custintel import': ${COMPLETION-CANDIDATES}")
  ImportFormat format;

  @Option(
      names = "--currency",
      paramLabel = "CODE",
      converter = DemoCommand.CurrencyConverter.class,
      description = {
        "Use the purchases in this currency (ISO 4217, such as EUR); the others are ignored.",
        "Default: the file's currency when all its purchases are in one (cdnow files are USD, online-retail GBP); "
            + "required when there are several."
      })
  @Nullable Currency currency;

  @Option(
      names = "--period",
      paramLabel = "UNIT",
      defaultValue = "week",
      converter = PeriodConverter.class,
      completionCandidates = PeriodNames.class,
      description = "Time unit of recency, age, the models' rate parameters and the tracking: "
          + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  PeriodUnit period;

  /**
   * Reads the file into memory, as an import into an empty store would store it, and settles the currency.
   *
   * @return the loaded data
   * @throws CliException if the file cannot be read, holds no purchase, or the currency is ambiguous or absent
   */
  ClvOrders load() {
    Path file = readable("--transactions", transactions);
    return ClvOrders.load(file, transactions, format, currency);
  }

  /**
   * The path to read for a file option: standard input's for {@code -} (read once, as {@code import} reads it),
   * else the file itself, checked.
   *
   * @param option the option, such as {@code --transactions}
   * @param file its value
   * @return the path to read
   * @throws CliException naming the option if it cannot be read
   */
  static Path readable(String option, Path file) {
    if (file.toString().equals("-")) {
      if (!Files.exists(ImportCommand.STDIN)) {
        throw new CliException(option + ": standard input (-) cannot be read on this system (no /dev/stdin); "
            + "give a file");
      }
      return ImportCommand.STDIN;
    }
    checkReadable(option, file);
    return file;
  }

  /** @return the period's name on the command line and in the JSON: {@code day} or {@code week} */
  static String periodName(PeriodUnit unit) {
    return unit == PeriodUnit.DAYS ? "day" : "week";
  }

  /**
   * @param option the option that names the file, such as {@code --transactions}
   * @param file the file
   * @throws CliException naming the option if the file's name is empty, or it is a directory, does not exist or
   *     cannot be read
   */
  static void checkReadable(String option, Path file) {
    if (file.toString().isEmpty()) { // Path.of("") is the working directory
      throw new CliException(option + ": the file name is empty");
    }
    if (Files.isDirectory(file)) {
      throw new CliException(option + ": '" + file + "' is a directory");
    }
    if (!Files.exists(file)) {
      throw new CliException(option + ": file '" + file + "' does not exist");
    }
    if (!Files.isReadable(file)) {
      throw new CliException(option + ": file '" + file + "' cannot be read (permission denied)");
    }
  }

  /** The period names for the help. */
  static final class PeriodNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    PeriodNames() {
      super(List.of("day", "week"));
    }
  }

  /** Reads {@code --period}: {@code day} or {@code week} (plural and any case accepted). */
  static final class PeriodConverter implements ITypeConverter<PeriodUnit> {
    @Override
    public PeriodUnit convert(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "day":
        case "days":
          return PeriodUnit.DAYS;
        case "week":
        case "weeks":
          return PeriodUnit.WEEKS;
        default:
          throw new TypeConversionException("must be day or week (was '" + value + "')");
      }
    }
  }

  /** Reads a day such as {@code 1997-09-30}. */
  static final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date (use YYYY-MM-DD, such as 1997-09-30)");
      }
    }
  }
}
