package dev.custintel.examples.cli;

import dev.custintel.core.imports.ImportProgress;
import dev.custintel.core.imports.ImportProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Progress of long work on stderr, for a person watching: what is being done, how far it got, the rate and the
 * time left when the total is known.
 *
 * <p>On a terminal each task has one line, rewritten in place after every update and replaced at the end by a
 * summary with the time taken. Elsewhere (a pipe or a file, where progress is shown only when asked for) every
 * update is a line of its own. {@link #off()} prints nothing: the commands use it when stderr is not a terminal,
 * and with {@code --quiet}, so that scripts see only the command's output and its messages.
 */
final class ProgressPrinter {
  /** Bytes read from the start of a file to estimate its number of lines. */
  static final int SAMPLE_BYTES = 1 << 20;

  private static final String CLEAR_TO_END_OF_LINE = "\u001b[K";
  /** Columns of a terminal whose width is not known (no COLUMNS in the environment). */
  static final int DEFAULT_WIDTH = 80;

  private static final ProgressPrinter OFF = new ProgressPrinter(null, false, DEFAULT_WIDTH, () -> 0L);

  private final @Nullable PrintWriter err;
  private final boolean inPlace;
  private final int width;
  private final LongSupplier nanoTime;
  /** Whether a line rewritten in place is not ended yet. */
  private boolean pending;

  /**
   * @param err where progress goes, or null for none
   * @param inPlace whether each task's line is rewritten in place (a terminal)
   * @param width the terminal's columns: a line rewritten in place is cut to one less, since a line that wraps
   *     can no longer be rewritten
   * @param nanoTime the clock of rates and durations, in nanoseconds
   */
  ProgressPrinter(@Nullable PrintWriter err, boolean inPlace, int width, LongSupplier nanoTime) {
    this.err = err;
    this.inPlace = inPlace;
    this.width = Math.max(20, width);
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** @return a printer that prints nothing */
  static ProgressPrinter off() {
    return OFF;
  }

  /**
   * Progress for a command.
   *
   * @param err the command's stderr
   * @param errIsTerminal whether that is a terminal
   * @param asked {@code --progress} / {@code --no-progress}, or null when not given
   * @param quiet {@code --quiet}, which wins over everything
   * @return a printer that rewrites its line on a terminal, prints lines when asked for elsewhere, and is off
   *     otherwise
   */
  static ProgressPrinter forCommand(PrintWriter err, boolean errIsTerminal, @Nullable Boolean asked, boolean quiet) {
    boolean show = !quiet && (asked != null ? asked : errIsTerminal);
    return show ? new ProgressPrinter(err, errIsTerminal, terminalWidth(), System::nanoTime) : OFF;
  }

  /** @return the terminal's columns from the environment's COLUMNS (exported by some shells), else 80 */
  private static int terminalWidth() {
    String columns = System.getenv("COLUMNS");
    try {
      return columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.strip());
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /** @return whether this printer prints anything */
  boolean enabled() {
    return err != null;
  }

  /**
   * Starts a task of unknown size. On a terminal its label shows at once, followed by "...".
   *
   * @param label what is being done, such as "demo: running the models"
   * @return the task
   */
  Task start(String label) {
    return start(label, -1, false);
  }

  /**
   * Starts a task.
   *
   * @param label what is being done, such as a file name
   * @param total the units the task will have done at the end, or a negative number when unknown
   * @param estimated whether {@code total} is an estimate (the share done is then shown with "~")
   * @return the task
   */
  Task start(String label, long total, boolean estimated) {
    Task task = new Task(label, total, estimated, nanoTime.getAsLong());
    if (inPlace) {
      print(label + "...", false);
    }
    return task;
  }

  /**
   * Progress of importing one file: rows read, orders written and rows rejected, with the rate of rows and, for a
   * regular file, the share done and time left estimated from its size.
   *
   * @param file the file being imported
   * @return the listener to pass in the import's options; {@link FileImport#finish()} ends its line
   */
  FileImport importing(Path file) {
    long lines = enabled() ? estimateLines(file) : -1;
    return new FileImport(start(String.valueOf(file.getFileName()), lines, true));
  }

  /** An import's progress listener that prints the file's counts. */
  static final class FileImport implements ImportProgressListener {
    private final Task task;
    private volatile ImportProgress last = new ImportProgress(0, 0, 0);

    private FileImport(Task task) {
      this.task = task;
    }

    @Override
    public void onProgress(ImportProgress progress) {
      last = progress;
      task.update(progress.rowsRead(), "rows", counts(progress));
    }

    /** Ends the file's line with its last counts and the time taken. */
    void finish() {
      task.finish(counts(last));
    }

    private static String counts(ImportProgress p) {
      return String.format(Locale.US, "%,d rows read, %,d orders written, %,d rejected",
          p.rowsRead(), p.ordersWritten(), p.rejected());
    }
  }

  /** Ends a line left open on a terminal by a task that did not finish, such as one that failed. */
  void endLine() {
    PrintWriter w = err;
    if (w != null && pending) {
      w.println();
      w.flush();
      pending = false;
    }
  }

  private void print(String line, boolean endLine) {
    PrintWriter w = err;
    if (w == null) {
      return;
    }
    if (inPlace) {
      String shown = endLine || line.length() < width ? line : line.substring(0, width - 4) + "...";
      w.print("\r" + shown + CLEAR_TO_END_OF_LINE + (endLine ? System.lineSeparator() : ""));
      pending = !endLine;
    } else {
      w.println(line);
    }
    w.flush();
  }

  /** One task's progress. */
  final class Task {
    private final String label;
    private final long total;
    private final boolean estimated;
    private final long startNanos;
    private boolean finished;

    private Task(String label, long total, boolean estimated, long startNanos) {
      this.label = label;
      this.total = total;
      this.estimated = estimated;
      this.startNanos = startNanos;
    }

    /**
     * Shows how far the task got: the detail, then the rate of {@code done}, the share of the total done and the
     * time left, when they can be told.
     *
     * @param done units done so far, such as rows read
     * @param unit the name of a unit, plural, such as "rows"
     * @param detail the counts to show, such as "41,000 rows read, 40,990 orders written, 0 rejected"
     */
    void update(long done, String unit, String detail) {
      if (finished) {
        return;
      }
      // The figures first: on a terminal a long line is cut at its width, and then the counts go, not the figures.
      StringBuilder figures = new StringBuilder();
      double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
      double rate = seconds > 0 ? done / seconds : 0;
      if (total > 0) {
        long share = Math.min(100, Math.round(100.0 * done / total));
        figures.append(estimated ? "~" : "").append(share).append("%, ");
        if (rate > 0 && total > done) {
          figures.append(estimated ? "~" : "").append(duration((total - done) / rate)).append(" left, ");
        }
      }
      if (rate > 0) {
        figures.append(String.format(Locale.US, "%,d %s/s, ", Math.round(rate), unit));
      }
      String line = label + ": " + (figures.length() == 0 ? ""
          : figures.substring(0, figures.length() - 2) + "; ") + detail;
      print(line, false);
    }

    /**
     * Ends the task with a summary and the time it took, on a line of its own. Later calls do nothing.
     *
     * @param summary what was done, such as "69,659 rows read, 69,659 orders written, 0 rejected"
     */
    void finish(String summary) {
      if (finished) {
        return;
      }
      finished = true;
      double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
      print(label + ": " + summary + String.format(Locale.US, " in %.1f s", seconds), true);
    }
  }

  /**
   * @param seconds a time left
   * @return it in whole seconds, or minutes and seconds from a minute on: "45 s", "2 min 05 s"
   */
  static String duration(double seconds) {
    long s = Math.max(1, Math.round(seconds));
    return s < 60 ? s + " s" : String.format(Locale.US, "%d min %02d s", s / 60, s % 60);
  }

  /**
   * Estimates the number of lines of a file from its size and the lines in its first {@value #SAMPLE_BYTES} bytes
   * (exact for a smaller file). Only a regular file is read: a pipe or a device would lose what is read here.
   *
   * @param file a file
   * @return the estimated lines, or -1 when the file is not a regular file, cannot be read, or is empty
   */
  static long estimateLines(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return -1;
      }
      long size = Files.size(file);
      byte[] sample = new byte[(int) Math.min(size, SAMPLE_BYTES)];
      int read = 0;
      try (InputStream in = Files.newInputStream(file)) {
        while (read < sample.length) {
          int n = in.read(sample, read, sample.length - read);
          if (n < 0) {
            break;
          }
          read += n;
        }
      }
      if (read == 0) {
        return -1;
      }
      long newlines = 0;
      for (int i = 0; i < read; i++) {
        if (sample[i] == '\n') {
          newlines++;
        }
      }
      if (read >= size) {
        return newlines + (sample[read - 1] == '\n' ? 0 : 1);
      }
      return newlines == 0 ? -1 : Math.round((double) size * newlines / read);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
