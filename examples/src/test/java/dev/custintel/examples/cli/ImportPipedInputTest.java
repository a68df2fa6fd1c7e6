package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11, D5: {@code cat file | custintel import ... /dev/stdin} exited 0 with {@code rowsRead 0} (Online Retail
 * and strict mode read the file twice), and strict mode said "file is empty". The CLI runs as a real process here,
 * its standard input a pipe the test writes the file into. {@code -} reads standard input too. The timeout only
 * turns a hang into a failure.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ImportPipedInputTest extends CliDatabaseFixture {
  private static final Path SMALL = TestData.file("affinity/online_retail_small.csv");

  @Test
  void importOnlineRetail_fromDevStdinPipe_importsWhatTheFileImports() throws Exception {
    CliRun fromFile = CliRun.run("import", "--db", db(), "--format", "online-retail", SMALL.toString());
    assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();

    Process p = cli(List.of("import", "--db", db(), "--format", "online-retail", "/dev/stdin"), SMALL);
    JsonNode piped = new ObjectMapper().readTree(p.getInputStream());

    assertThat(p.waitFor()).isZero();
    assertThat(piped.get("rowsRead").asLong()).isEqualTo(fromFile.json().get("rowsRead").asLong()).isPositive();
    assertThat(piped.get("ordersRead").asLong()).isEqualTo(fromFile.json().get("ordersRead").asLong());
    assertThat(piped.get("ordersUnchanged").asLong()).as("the same orders as the file's").isEqualTo(
        fromFile.json().get("ordersWritten").asLong());
  }

  @Test
  void importStrictCdnow_fromDashPipe_checksAndWritesEveryRow() throws Exception {
    Path file = TestData.file("clv/CDNOW_sample.txt");
    long rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();

    Process p = cli(List.of("import", "--db", db(), "--format", "cdnow", "--strict", "-"), file);
    JsonNode piped = new ObjectMapper().readTree(p.getInputStream());

    assertThat(p.waitFor()).isZero();
    assertThat(piped.get("rowsRead").asLong()).isEqualTo(rows).isPositive();
    assertThat(piped.get("ordersWritten").asLong()).isEqualTo(rows);
    assertThat(piped.get("files").get(0).get("file").asText()).isEqualTo("-");
  }

  /** Starts the CLI in a new JVM, {@code input} on its stdin, its stderr on the test's. */
  private static Process cli(List<String> args, Path input) throws IOException {
    return CliRun.piped(args, Files.readAllBytes(input), ProcessBuilder.Redirect.INHERIT);
  }
}
