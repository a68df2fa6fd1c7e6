package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.experiments.ExperimentsClient;
import dev.custintel.analytics.experiments.ExposureResult;
import dev.custintel.core.CustintelException;
import dev.custintel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custintel experiments expose}: records that customers were exposed to a running experiment. */
@Command(
    name = "expose",
    mixinStandardHelpOptions = true,
    description = {
      "Records that customers were exposed to a running experiment (shown their arm's treatment, or held back in "
          + "the control), as of --at (default now), and prints the totals as JSON: {\"ids\":N,\"recorded\":R,"
          + "\"alreadyExposed\":A,\"repeated\":D}: ids read, customers recorded now, customers exposed before "
          + "(who keep the first exposure), and ids repeated within a batch. Each customer must be in the store and "
          + "eligible.",
      "The ids are given as CUSTOMER arguments or with --file, one per line (blank lines are ignored), and sent in "
          + "batches of at most 10000, each recorded all or nothing: when a batch fails (an unknown or ineligible "
          + "customer), the batches before it stay recorded and the command exits 1 saying how many were. Running "
          + "it again with the same ids is safe: exposure is idempotent, so the customers recorded before are "
          + "counted as alreadyExposed."
    })
final class ExperimentsExposeCommand implements Callable<Integer> {
  /** Customers per call: the SDK's most. */
  static final int BATCH = 10_000;

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(names = "--at", paramLabel = "INSTANT", converter = ProfileCommand.AsOfConverter.class,
      description = "When they were exposed: an instant (2025-12-01T09:30:00Z) or a day (its start, UTC); not in "
          + "the future nor before the experiment started (default now)")
  @Nullable Instant at;

  @Option(names = "--file", paramLabel = "FILE",
      description = "A file of customer ids, one per line; - reads standard input")
  @Nullable String file;

  @Parameters(index = "0", paramLabel = "ID", description = "The experiment's id, as 'experiments list' shows it")
  long id;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "CUSTOMER",
      description = "The shop's customer ids, such as 00002 (or give --file)")
  @Nullable List<String> customers;

  @Override
  public Integer call() {
    database.check(spec);
    List<String> ids = customers == null ? List.of() : customers;
    if (ids.isEmpty() == (file == null)) {
      throw new ParameterException(spec.commandLine(), ids.isEmpty()
          ? "Give the customers to expose: CUSTOMER ids, or --file FILE (one id per line, - for standard input)"
          : "Give CUSTOMER ids or --file, not both");
    }
    String source = file;
    try (CustomerIntelligence ci = database.open()) {
      Totals totals = new Totals(ci.experiments());
      if (source == null) {
        for (String customer : ids) {
          totals.add(customer);
        }
      } else {
        try (BufferedReader reader = open(source)) {
          String line;
          while ((line = reader.readLine()) != null) {
            String customer = line.strip();
            if (!customer.isEmpty()) {
              totals.add(customer);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      totals.flush();
      Map<String, Object> m = Json.object();
      m.put("ids", totals.read);
      m.put("recorded", totals.recorded);
      m.put("alreadyExposed", totals.alreadyExposed);
      // An id given twice in one batch is one customer: neither recorded twice nor "already exposed".
      m.put("repeated", totals.read - totals.recorded - totals.alreadyExposed);
      Json.print(spec.commandLine().getOut(), m);
    }
    return CustintelCli.OK;
  }

  private static BufferedReader open(String source) throws IOException {
    if (source.equals("-")) {
      // Not closed with the reader's close below: System.in belongs to the process.
      return new BufferedReader(new InputStreamReader(new java.io.FilterInputStream(System.in) {
        @Override
        public void close() {
          // leave standard input open
        }
      }, StandardCharsets.UTF_8));
    }
    Path path = Path.of(source);
    if (Files.isDirectory(path)) {
      throw new CliException("file '" + source + "' is a directory");
    }
    if (!Files.exists(path)) {
      throw new CliException("file '" + source + "' does not exist");
    }
    if (!Files.isReadable(path)) {
      throw new CliException("file '" + source + "' cannot be read (permission denied)");
    }
    return Files.newBufferedReader(path, StandardCharsets.UTF_8);
  }

  /** Collects ids into batches of {@link #BATCH}, sends each when full, and adds up what they recorded. */
  private final class Totals {
    private final ExperimentsClient experiments;
    private final List<String> batch = new ArrayList<>(BATCH);
    long read;
    long recorded;
    long alreadyExposed;
    private int batches;

    Totals(ExperimentsClient experiments) {
      this.experiments = experiments;
    }

    void add(String customer) {
      read++;
      batch.add(customer);
      if (batch.size() == BATCH) {
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      ExposureResult r;
      try {
        r = experiments.expose(id, batch, at);
      } catch (InvalidInputException e) {
        if (e.field().equals("exposedAt")) { // --at is after now, or before the experiment started
          throw new ParameterException(spec.commandLine(), "--at: " + e.reason());
        }
        throw failed(e);
      } catch (CustintelException e) {
        throw failed(e);
      }
      recorded += r.recorded();
      alreadyExposed += r.alreadyExposed();
      batches++;
      batch.clear();
    }

    /** @return the failure as it is when nothing was recorded yet, else saying what the batches before did */
    private RuntimeException failed(CustintelException e) {
      if (batches == 0) {
        return e;
      }
      return new CliException("batch " + (batches + 1) + " (ids " + ((long) batches * BATCH + 1) + " to "
          + ((long) batches * BATCH + batch.size()) + " of the input) failed and nothing of it was recorded; the "
          + batches + " batch(es) before it were (" + recorded + " recorded, " + alreadyExposed + " already "
          + "exposed), and running the command again is safe: " + e.getMessage(), e);
    }
  }
}
