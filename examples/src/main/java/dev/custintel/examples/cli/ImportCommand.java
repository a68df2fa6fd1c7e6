package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.ImportFailedException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportProgressListener;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.imports.RejectedRow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code custintel import}: CSV files into the database, with a JSON summary. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports order files into the database and prints one JSON summary: per-file reports, totals, and the "
          + "rejected (malformed) and skipped (unusable, such as no customer id) rows with their line numbers.",
      "Re-importing a file changes nothing (ordersWritten 0, ordersUnchanged = the file's orders). "
          + "\"customers\" is the number of customers in the database after the import; elapsedMillis is the "
          + "wall time of the whole command, connecting included.",
      "Lenient by default: bad rows are reported and the rest imported. With --strict the first bad row fails "
          + "its file and nothing of that file is written (files before it stay imported): the file is written "
          + "in one transaction.",
      "If the database fails mid-file, the command stops with exit code 1; the summary is still printed, with "
          + "\"failed\" and the orders that stayed committed (none of that file with --strict).",
      "An order id that comes back later in a file with different content replaces the earlier version (the last "
          + "one in the file is stored) and is counted in ordersReplaced, not in ordersWritten; with --strict it "
          + "fails the file unless --replace is given. A repeat with identical content changes nothing.",
      "FILE may be - for standard input, or a pipe or FIFO such as /dev/stdin: it is read once, into a "
          + "temporary copy that is deleted after the import."
    })
final class ImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /**
   * Set by {@link CustintelCli#run} when stderr is the process's stderr and a terminal: progress is then shown
   * by default, on one line rewritten in place.
   */
  boolean errIsTerminal;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "JDBC_URL",
      description = {
        "The database (tables are created if missing), such as",
        "jdbc:h2:file:./custintel-data/custintel or",
        "jdbc:postgresql://host:5432/db?user=me&password=..."
      })
  String db;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      completionCandidates = FormatNames.class,
      description = "The files' layout: ${COMPLETION-CANDIDATES}")
  ImportFormat format;

  @Option(names = "--strict", description = "Fail a file on its first bad row, writing nothing of it")
  boolean strict;

  @Option(
      names = "--replace",
      description = "With --strict: let a later, different version of an order in the same file replace the "
          + "earlier one instead of failing the file (lenient mode always does)")
  boolean replace;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Orders per transaction, 1 to 100000 (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(
      names = "--writers",
      paramLabel = "N",
      defaultValue = "2",
      description = "Batches written concurrently while the file is read, 1 to 16 (default: ${DEFAULT-VALUE})")
  int writers;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      converter = ZoneConverter.class,
      description = "Time zone of local dates and times in the files, such as Europe/Paris "
          + "(default: the format's, UTC for cdnow and orders-csv, Europe/London for online-retail)")
  ZoneId zone;

  @Option(
      names = "--max-reported",
      paramLabel = "N",
      defaultValue = "1000",
      description = "List at most N rejected and N skipped rows (all are counted; default: ${DEFAULT-VALUE})")
  int maxReported;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Report progress on stderr after every batch (default: only when stderr is a terminal)")
  Boolean progress;

  @Option(names = "--quiet", description = "No progress on stderr, even on a terminal (the summary and errors stay)")
  boolean quiet;

  @Option(
      names = "--asynchronous-commit",
      description = "PostgreSQL, for bulk loads: each batch commits without waiting for the server to flush it to "
          + "disk. A crash of the database server can lose the batches committed in its last moments (never part "
          + "of one); importing the file again writes them, and nothing twice. No effect on H2")
  boolean asynchronousCommit;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "The files to import, in order; - reads standard input")
  List<Path> files;

  @Override
  public Integer call() {
    Databases.checkUrl(spec, db);
    if (batchSize < 1 || batchSize > 100_000) {
      throw new ParameterException(
          spec.commandLine(), "--batch-size must be between 1 and 100000 (was " + batchSize + ")");
    }
    if (writers < 1 || writers > 16) {
      throw new ParameterException(spec.commandLine(), "--writers must be between 1 and 16 (was " + writers + ")");
    }
    if (maxReported < 0) {
      throw new ParameterException(spec.commandLine(), "--max-reported must not be negative (was " + maxReported + ")");
    }
    boolean stdin = false;
    for (Path file : files) {
      if (isStdin(file)) {
        if (stdin) {
          throw new CliException("standard input (-) can be imported only once per command");
        }
        stdin = true;
        checkReadable(STDIN);
      } else {
        checkReadable(file);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    ProgressPrinter printer = ProgressPrinter.forCommand(err, errIsTerminal, progress, quiet);
    ImportOptions base = new ImportOptions(
        strict ? ImportMode.STRICT : ImportMode.LENIENT, batchSize, zone, maxReported, writers,
        ImportProgressListener.NONE, replace, asynchronousCommit);

    List<Map<String, Object>> fileViews = new ArrayList<>();
    List<Map<String, Object>> rejected = new ArrayList<>();
    List<Map<String, Object>> skipped = new ArrayList<>();
    long rowsRead = 0;
    long ordersRead = 0;
    long ordersWritten = 0;
    long ordersUnchanged = 0;
    long ordersReplaced = 0;
    long rejectedCount = 0;
    long skippedCount = 0;
    Long customers;
    ImportFailedException failure = null;
    long start = System.nanoTime();
    try (CustomerIntelligence ci = Databases.open(db, Clock.systemUTC())) {
      int imported = 0;
      for (Path file : files) {
        ProgressPrinter.FileImport listener = printer.importing(file);
        ImportReport report;
        try {
          report = ci.ingestion().importFile(isStdin(file) ? STDIN : file, format, base.withProgress(listener));
        } catch (ImportFailedException e) {
          // The database failed mid-file: the summary still says what was read and what stayed committed.
          report = e.committed();
          failure = e;
        } catch (InvalidInputException e) {
          throw imported == 0 ? e : new InvalidInputException(
              e.record(), e.field(),
              e.reason() + " (" + imported + " earlier file" + (imported == 1 ? " was" : "s were")
                  + " imported)");
        } finally {
          listener.finish();
        }
        imported++;
        fileViews.add(fileView(file, report));
        rowsRead += report.rowsRead();
        ordersRead += report.ordersRead();
        ordersWritten += report.ordersWritten();
        ordersUnchanged += report.ordersUnchanged();
        ordersReplaced += report.ordersReplaced();
        rejectedCount += report.rejectedCount();
        skippedCount += report.skippedCount();
        addRows(rejected, file, report.rejected());
        addRows(skipped, file, report.skipped());
        if (failure != null) {
          break;
        }
      }
      try {
        customers = ci.customers().count();
      } catch (DataAccessException e) {
        if (failure == null) {
          throw e;
        }
        customers = null; // the database that failed may be gone: the summary says what is known
      }
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    Map<String, Object> summary = Json.object();
    summary.put("format", format.cliName());
    summary.put("files", fileViews);
    summary.put("rowsRead", rowsRead);
    summary.put("ordersRead", ordersRead);
    summary.put("ordersWritten", ordersWritten);
    summary.put("ordersUnchanged", ordersUnchanged);
    summary.put("ordersReplaced", ordersReplaced);
    summary.put("customers", customers);
    summary.put("rejectedCount", rejectedCount);
    summary.put("rejected", rejected);
    summary.put("skippedCount", skippedCount);
    summary.put("skipped", skipped);
    summary.put("elapsedMillis", elapsedMillis);
    if (failure != null) {
      summary.put("failed", CustintelCli.oneLine(failure.getMessage()));
    }
    Json.print(spec.commandLine().getOut(), summary);
    if (failure != null) {
      throw new CliException(failure.getMessage() + " (the summary on stdout counts what was committed)", failure);
    }
    return CustintelCli.OK;
  }

  private void addRows(List<Map<String, Object>> into, Path file, List<RejectedRow> rows) {
    for (RejectedRow row : rows) {
      if (into.size() >= maxReported) {
        return;
      }
      Map<String, Object> m = Json.object();
      m.put("file", file.toString());
      m.put("line", row.line());
      m.put("field", row.field());
      m.put("reason", row.reason());
      into.add(m);
    }
  }

  private static Map<String, Object> fileView(Path file, ImportReport r) {
    Map<String, Object> m = Json.object();
    m.put("file", file.toString());
    m.put("rowsRead", r.rowsRead());
    m.put("ordersRead", r.ordersRead());
    m.put("ordersWritten", r.ordersWritten());
    m.put("ordersUnchanged", r.ordersUnchanged());
    m.put("ordersReplaced", r.ordersReplaced());
    m.put("customers", r.customers());
    m.put("rejectedCount", r.rejectedCount());
    m.put("skippedCount", r.skippedCount());
    m.put("elapsedMillis", r.elapsed().toMillis());
    return m;
  }

  /**
   * Standard input as a path the SDK can open: it reads pipes and FIFOs once, into a temporary copy. The SDK takes
   * paths, and reading {@code System.in} here would need a second copy of that logic.
   */
  static final Path STDIN = Path.of("/dev/stdin");

  private static boolean isStdin(Path file) {
    return file.toString().equals("-");
  }

  private static void checkReadable(Path file) {
    if (file.equals(STDIN) && !Files.exists(STDIN)) {
      throw new CliException("standard input (-) cannot be read on this system (no /dev/stdin); give a file");
    }
    if (file.toString().isEmpty()) { // Path.of("") is the working directory
      throw new CliException("a file name is empty");
    }
    if (Files.isDirectory(file)) {
      throw new CliException("file '" + file + "' is a directory");
    }
    if (!Files.exists(file)) {
      throw new CliException("file '" + file + "' does not exist");
    }
    if (!Files.isReadable(file)) {
      throw new CliException("file '" + file + "' cannot be read (permission denied)");
    }
  }

  /** The format names for the help. */
  static final class FormatNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    FormatNames() {
      for (ImportFormat f : ImportFormat.values()) {
        add(f.cliName());
      }
    }
  }

  /** Reads {@code --format} with the SDK's names. */
  static final class FormatConverter implements ITypeConverter<ImportFormat> {
    @Override
    public ImportFormat convert(String value) {
      try {
        return ImportFormat.parse(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException("must be one of " + String.join(", ", new FormatNames())
            + " (was '" + value + "')");
      }
    }
  }

  /** Reads {@code --zone}. */
  static final class ZoneConverter implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a time zone (use a region such as Europe/Paris, or an offset such as +02:00)");
      }
    }
  }
}
