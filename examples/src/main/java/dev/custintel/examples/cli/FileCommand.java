package dev.custintel.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that reads a file and writes its answer, with no database: {@code affinity mine}, {@code clv fit} and
 * {@code clv score}, the commands whose cold start a user waits on (issue 17). Picocli runs it; or, when its command
 * line is plain, {@link PlainCommandLine} sets its fields and {@link CustintelCli} calls it without building
 * picocli's run-time model, which a run that succeeds never needs. So the command takes its streams and makes its
 * usage errors here, not through its {@link CommandSpec}, which such a run does not have.
 */
abstract class FileCommand implements Callable<Integer> {
  /** Picocli's model of the command when picocli parsed its command line; null when {@link PlainCommandLine} did. */
  @Spec CommandSpec spec;

  private @Nullable PrintWriter plainOut;
  private @Nullable PrintWriter plainErr;

  /**
   * Gives a command that {@link PlainCommandLine} parsed the program's streams.
   *
   * @param out where the answer goes
   * @param err where messages go
   */
  final void plainStreams(PrintWriter out, PrintWriter err) {
    this.plainOut = out;
    this.plainErr = err;
  }

  /** @return where the command's answer goes */
  final PrintWriter out() {
    return plainOut != null ? plainOut : spec.commandLine().getOut();
  }

  /** @return where the command's messages go */
  final PrintWriter err() {
    return plainErr != null ? plainErr : spec.commandLine().getErr();
  }

  /**
   * @param message what is wrong with the command line, naming the option
   * @return the usage error to throw: picocli's when picocli parsed the line, else one that {@link CustintelCli}
   *     reports as picocli reports its own (the message, then the command's usage; exit code 2)
   */
  final RuntimeException usage(String message) {
    return plainOut != null ? new UsageException(message) : new ParameterException(spec.commandLine(), message);
  }

  /** A usage error found by a command that {@link PlainCommandLine} parsed. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
