package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11: a run that exhausts a small heap printed a raw OutOfMemoryError stack trace. In a child JVM with a
 * 24 MB heap, importing CDNOW in batches of 100,000 orders on 16 writers cannot fit; the command must say so in
 * one line, suggest what to change, and exit 1.
 */
class OutOfMemoryTest {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void import_heapTooSmall_exits1WithOneLineSayingWhatToDo() throws IOException, InterruptedException {
    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx24m", "-cp", System.getProperty("java.class.path"),
            CustintelCli.class.getName(),
            "import", "--db", "jdbc:h2:mem:oom", "--format", "cdnow", "--batch-size", "100000", "--writers", "16",
            TestData.file("clv/CDNOW_master.txt").toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = child.waitFor();

    assertThat(exit).as(err).isEqualTo(CustintelCli.FAILED);
    assertThat(err).contains("out of memory").contains("-Xmx").contains("--batch-size");
    assertThat(err).doesNotContain("\tat ").doesNotContain("Exception in thread");
    assertThat(err.strip().lines()).hasSize(1);
  }
}
