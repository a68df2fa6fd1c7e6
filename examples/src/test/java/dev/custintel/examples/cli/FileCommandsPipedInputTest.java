package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.core.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The file commands with {@code -} for their file: {@code clv fit --transactions -}, {@code forecast
 * --transactions -} and {@code affinity mine --baskets -} read standard input as they read the file.
 */
class FileCommandsPipedInputTest {

  @Test
  void clvFit_fromAPipe_sameAsFromTheFile() throws Exception {
    Runs runs = fromFileAndPipe("clv/CDNOW_sample.txt", List.of("clv", "fit", "--transactions"),
        List.of("--format", "cdnow", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--period",
            "week"));

    ObjectNode piped = runs.piped();
    assertThat(piped.get("input").get("file").asText()).isEqualTo("-");
    assertThat(piped.get("input").get("rowsRead").asLong()).isEqualTo(6919);
    ObjectNode expected = runs.direct();
    ((ObjectNode) expected.get("input")).put("file", "-");
    assertThat(piped).isEqualTo(expected);
  }

  @Test
  void clvFit_fromAnEmptyPipe_saysTheInputIsEmpty() throws Exception {
    Process p = CliRun.piped(List.of("clv", "fit", "--transactions", "-", "--format", "cdnow", "--calibration-end",
        "1997-09-30"), new byte[0], ProcessBuilder.Redirect.PIPE);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isEqualTo(CustintelCli.FAILED);
    assertThat(err).contains("--transactions").contains("'-'").contains("empty");
  }

  @Test
  void affinityMine_fromAPipe_sameAsFromTheFile() throws Exception {
    Runs runs = fromFileAndPipe("affinity/groceries.csv", List.of("affinity", "mine", "--baskets"),
        List.of("--format", "basket-csv", "--min-support", "0.01", "--min-confidence", "0.3"));

    ObjectNode piped = runs.piped();
    ObjectNode expected = runs.direct();
    assertThat(piped.get("transactions").asLong()).isEqualTo(9835);
    expected.remove("elapsedMillis");
    piped.remove("elapsedMillis");
    assertThat(piped).isEqualTo(expected);
  }

  @Test
  void forecast_fromAPipe_sameAsFromTheFile() throws Exception {
    Runs runs = fromFileAndPipe("clv/CDNOW_sample.txt", List.of("forecast", "--transactions"),
        List.of("--format", "cdnow", "--calibration-end", "1997-09-30", "--horizon-weeks", "4"));

    assertThat(runs.piped()).isEqualTo(runs.direct());
  }

  /** The JSON of a command on a file (in this JVM) and on the same bytes piped into a new JVM as {@code -}. */
  private record Runs(ObjectNode direct, ObjectNode piped) {}

  /**
   * Runs {@code command FILE options} and {@code command - options} with the file on standard input; both must
   * exit 0.
   */
  private static Runs fromFileAndPipe(String dataFile, List<String> command, List<String> options)
      throws Exception {
    Path file = TestData.file(dataFile);
    List<String> fromFile = new ArrayList<>(command);
    fromFile.add(file.toString());
    fromFile.addAll(options);
    List<String> fromPipe = new ArrayList<>(command);
    fromPipe.add("-");
    fromPipe.addAll(options);

    CliRun direct = CliRun.run(fromFile.toArray(new String[0]));
    Process p = CliRun.piped(fromPipe, Files.readAllBytes(file), ProcessBuilder.Redirect.INHERIT);
    ObjectNode piped = (ObjectNode) new ObjectMapper().readTree(p.getInputStream());

    assertThat(p.waitFor()).isZero();
    assertThat(direct.exitCode()).as(direct.toString()).isZero();
    return new Runs((ObjectNode) direct.json().deepCopy(), piped);
  }
}
