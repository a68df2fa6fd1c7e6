package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program's logging as a user sees it: in a JVM of its own (SLF4J picks its provider once per JVM), with the
 * examples' class path, which holds the logging binding and its settings (simplelogger.properties).
 */
class CliLoggingTest {
  @TempDir Path dir;

  @Test
  void import_inItsOwnProcess_printsNoLogLinesOnStderr() throws IOException, InterruptedException {
    Path err = dir.resolve("err.txt");
    Path out = dir.resolve("out.txt");
    String db = "jdbc:h2:file:" + dir.resolve("db").resolve("ci");
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            CustintelCli.class.getName(),
            "import", "--db", db, "--format", "orders-csv", CliRun.resource("orders-good.csv").toString())
        .redirectError(err.toFile())
        .redirectOutput(out.toFile())
        .start();
    boolean ended = process.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }

    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(ended).as("the import ended").isTrue();
    assertThat(process.exitValue()).as(stderr).isZero();
    // The schema was created (Flyway ran and would have logged at INFO) and the orders were written.
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("\"ordersWritten\" : 2");
    assertThat(stderr)
        .doesNotContain("SLF4J")
        .doesNotContain("INFO")
        .doesNotContain("flyway")
        .isEmpty();
  }
}
