package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.imports.ImportProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressPrinterTest {
  private static final long SECOND = 1_000_000_000L;
  private static final String CLEAR = "\u001b[K";
  private static final String NL = System.lineSeparator();

  @TempDir Path dir;

  private final StringWriter text = new StringWriter();
  private long now = 5 * SECOND;

  private ProgressPrinter printer(boolean inPlace) {
    return new ProgressPrinter(new PrintWriter(text), inPlace, 200, () -> now);
  }

  @Test
  void update_knownTotal_showsRateShareAndTimeLeft() {
    ProgressPrinter.Task task = printer(false).start("demo: storing", 10_000, false);
    now += 2 * SECOND;

    task.update(4_000, "customers", "4,000 of 10,000 customers");

    assertThat(text.toString()).isEqualTo(
        "demo: storing: 40%, 3 s left, 2,000 customers/s; 4,000 of 10,000 customers" + NL);
  }

  @Test
  void update_estimatedTotal_marksShareAndTimeLeftAsEstimates() {
    ProgressPrinter.Task task = printer(false).start("big.csv", 1_000_000, true);
    now += 10 * SECOND;

    task.update(50_000, "rows", "50,000 rows read");

    assertThat(text.toString()).isEqualTo(
        "big.csv: ~5%, ~3 min 10 s left, 5,000 rows/s; 50,000 rows read" + NL);
  }

  @Test
  void update_unknownTotal_showsTheRateOnly() {
    ProgressPrinter.Task task = printer(false).start("stdin", -1, true);
    now += SECOND / 2;

    task.update(1_500, "rows", "1,500 rows read");

    assertThat(text.toString()).isEqualTo("stdin: 3,000 rows/s; 1,500 rows read" + NL);
  }

  @Test
  void update_beyondAnEstimatedTotal_capsTheShareAndShowsNoTimeLeft() {
    ProgressPrinter.Task task = printer(false).start("f.csv", 100, true);
    now += SECOND;

    task.update(120, "rows", "120 rows read");

    assertThat(text.toString()).isEqualTo("f.csv: ~100%, 120 rows/s; 120 rows read" + NL);
  }

  @Test
  void terminal_rewritesOneLineInPlaceAndEndsItWithTheSummary() {
    ProgressPrinter.Task task = printer(true).start("demo: running the models");
    now += SECOND;
    task.update(10, "steps", "10 steps");
    now += SECOND / 2;
    task.finish("done");

    assertThat(text.toString()).isEqualTo(
        "\rdemo: running the models..." + CLEAR
            + "\rdemo: running the models: 10 steps/s; 10 steps" + CLEAR
            + "\rdemo: running the models: done in 1.5 s" + CLEAR + NL);
  }

  @Test
  void terminal_longLine_isCutToTheWidthKeepingTheFiguresButNotTheSummary() {
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), true, 40, () -> now);
    ProgressPrinter.Task task = printer.start("orders-2025.csv", 1_000, false);
    now += SECOND;
    task.update(500, "rows", "500 rows read, 498 orders written, 2 rejected");
    task.finish("1,000 rows read, 996 orders written, 4 rejected");

    assertThat(text.toString()).isEqualTo("\rorders-2025.csv..." + CLEAR
        + "\rorders-2025.csv: 50%, 1 s left, 500 ..." + CLEAR
        + "\rorders-2025.csv: 1,000 rows read, 996 orders written, 4 rejected in 1.0 s" + CLEAR + NL);
  }

  @Test
  void endLine_afterATaskThatDidNotFinish_endsItsLineOnce() {
    ProgressPrinter printer = printer(true);
    printer.start("demo: running the models");
    printer.endLine();
    printer.endLine();

    assertThat(text.toString()).isEqualTo("\rdemo: running the models..." + CLEAR + NL);
  }

  @Test
  void endLine_afterAFinishedTask_printsNothingMore() {
    ProgressPrinter printer = printer(true);
    printer.start("x").finish("done");
    printer.endLine();

    assertThat(text.toString()).isEqualTo("\rx..." + CLEAR + "\rx: done in 0.0 s" + CLEAR + NL);
  }

  @Test
  void finish_twice_printsOnceAndLaterUpdatesNothing() {
    ProgressPrinter.Task task = printer(false).start("x");
    task.finish("done");
    task.finish("again");
    task.update(1, "rows", "1 row");

    assertThat(text.toString()).isEqualTo("x: done in 0.0 s" + NL);
  }

  @Test
  void fileImport_printsTheCountsOfEachBatchAndTheLastOnesAtTheEnd() throws IOException {
    Path file = dir.resolve("orders.csv");
    Files.writeString(file, "a\nb\nc\nd\n", StandardCharsets.UTF_8);
    ProgressPrinter.FileImport listener = printer(false).importing(file);
    now += SECOND;
    listener.onProgress(new ImportProgress(2, 1, 1));
    now += SECOND;
    listener.onProgress(new ImportProgress(4, 3, 1));
    listener.finish();

    assertThat(text.toString().lines()).containsExactly(
        "orders.csv: ~50%, ~1 s left, 2 rows/s; 2 rows read, 1 orders written, 1 rejected",
        "orders.csv: ~100%, 2 rows/s; 4 rows read, 3 orders written, 1 rejected",
        "orders.csv: 4 rows read, 3 orders written, 1 rejected in 2.0 s");
  }

  @Test
  void off_printsNothing() throws IOException {
    Path file = dir.resolve("orders.csv");
    Files.writeString(file, "a\nb\n", StandardCharsets.UTF_8);
    ProgressPrinter off = ProgressPrinter.off();

    ProgressPrinter.FileImport listener = off.importing(file);
    listener.onProgress(new ImportProgress(2, 2, 0));
    listener.finish();
    off.start("demo").finish("done");

    assertThat(off.enabled()).isFalse();
  }

  @Test
  void forCommand_showsProgressOnATerminalOrWhenAskedAndNeverWhenQuiet() {
    PrintWriter err = new PrintWriter(text);

    assertThat(ProgressPrinter.forCommand(err, false, null, false).enabled()).isFalse();
    assertThat(ProgressPrinter.forCommand(err, true, null, false).enabled()).isTrue();
    assertThat(ProgressPrinter.forCommand(err, false, true, false).enabled()).isTrue();
    assertThat(ProgressPrinter.forCommand(err, true, false, false).enabled()).isFalse();
    assertThat(ProgressPrinter.forCommand(err, true, null, true).enabled()).isFalse();
    assertThat(ProgressPrinter.forCommand(err, true, true, true).enabled()).isFalse();
  }

  @Test
  void estimateLines_smallFile_countsExactly() throws IOException {
    Path withEnd = dir.resolve("a.txt");
    Files.writeString(withEnd, "1\n2\n3\n", StandardCharsets.UTF_8);
    Path withoutEnd = dir.resolve("b.txt");
    Files.writeString(withoutEnd, "1\n2\n3", StandardCharsets.UTF_8);

    assertThat(ProgressPrinter.estimateLines(withEnd)).isEqualTo(3);
    assertThat(ProgressPrinter.estimateLines(withoutEnd)).isEqualTo(3);
  }

  @Test
  void estimateLines_largeFile_extrapolatesFromTheSample() throws IOException {
    Path file = dir.resolve("big.txt");
    String line = "0123456789abcdef\n"; // 17 bytes
    int lines = 3 * ProgressPrinter.SAMPLE_BYTES / line.length();
    Files.writeString(file, line.repeat(lines), StandardCharsets.UTF_8);

    // The sample ends inside a line, so the estimate is a little short; within 0.1%.
    assertThat(ProgressPrinter.estimateLines(file)).isBetween(lines - lines / 1000L, (long) lines);
  }

  @Test
  void estimateLines_emptyMissingOrNotARegularFile_isUnknown() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.txt"));

    assertThat(ProgressPrinter.estimateLines(empty)).isEqualTo(-1);
    assertThat(ProgressPrinter.estimateLines(dir.resolve("missing.txt"))).isEqualTo(-1);
    assertThat(ProgressPrinter.estimateLines(dir)).isEqualTo(-1);
  }

  @Test
  void duration_showsSecondsThenMinutes() {
    assertThat(ProgressPrinter.duration(0.2)).isEqualTo("1 s");
    assertThat(ProgressPrinter.duration(59.4)).isEqualTo("59 s");
    assertThat(ProgressPrinter.duration(125)).isEqualTo("2 min 05 s");
  }
}
