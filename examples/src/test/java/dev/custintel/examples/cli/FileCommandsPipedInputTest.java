package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
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
    Path file = TestData.file("clv/CDNOW_sample.txt");
    List<String> options = List.of("--format", "cdnow", "--calibration-end", "1997-09-30", "--holdout-end",
        "1998-06-30", "--period", "week");
    List<String> fromFile = new ArrayList<>(List.of("clv", "fit", "--transactions", file.toString()));
    fromFile.addAll(options);
    List<String> fromPipe = new ArrayList<>(List.of("clv", "fit", "--transactions", "-"));
    fromPipe.addAll(options);

    CliRun direct = CliRun.run(fromFile.toArray(new String[0]));
    Process p = cli(fromPipe, Files.readAllBytes(file));
    JsonNode piped = new ObjectMapper().readTree(p.getInputStream());

    assertThat(p.waitFor()).isZero();
    assertThat(direct.exitCode()).as(direct.toString()).isZero();
    assertThat(piped.get("input").get("file").asText()).isEqualTo("-");
    assertThat(piped.get("input").get("rowsRead").asLong()).isEqualTo(6919);
    ObjectNode expected = (ObjectNode) direct.json().deepCopy();
    ((ObjectNode) expected.get("input")).put("file", "-");
    assertThat(piped).isEqualTo(expected);
  }

  @Test
  void clvFit_fromAnEmptyPipe_saysTheInputIsEmpty() throws Exception {
    Process p = cli(List.of("clv", "fit", "--transactions", "-", "--format", "cdnow", "--calibration-end",
        "1997-09-30"), new byte[0]);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isEqualTo(CustintelCli.FAILED);
    assertThat(err).contains("--transactions").contains("'-'").contains("empty");
  }

  private static Process cli(List<String> args, byte[] input) throws IOException {
    return CliRun.piped(args, input, ProcessBuilder.Redirect.PIPE);
  }

  @Test
  void affinityMine_fromAPipe_sameAsFromTheFile() throws Exception {
    Path file = TestData.file("affinity/groceries.csv");
    List<String> options = List.of("--format", "basket-csv", "--min-support", "0.01", "--min-confidence", "0.3");
    List<String> fromFile = new ArrayList<>(List.of("affinity", "mine", "--baskets", file.toString()));
    fromFile.addAll(options);
    List<String> fromPipe = new ArrayList<>(List.of("affinity", "mine", "--baskets", "-"));
    fromPipe.addAll(options);

    CliRun direct = CliRun.run(fromFile.toArray(new String[0]));
    Process p = cli(fromPipe, Files.readAllBytes(file));
    ObjectNode piped = (ObjectNode) new ObjectMapper().readTree(p.getInputStream());

    assertThat(p.waitFor()).isZero();
    assertThat(direct.exitCode()).as(direct.toString()).isZero();
    ObjectNode expected = (ObjectNode) direct.json().deepCopy();
    assertThat(piped.get("transactions").asLong()).isEqualTo(9835);
    expected.remove("elapsedMillis");
    piped.remove("elapsedMillis");
    assertThat(piped).isEqualTo(expected);
  }

  @Test
  void forecast_fromAPipe_sameAsFromTheFile() throws Exception {
    Path file = TestData.file("clv/CDNOW_sample.txt");
    List<String> options = List.of("--format", "cdnow", "--calibration-end", "1997-09-30", "--horizon-weeks", "4");
    List<String> fromFile = new ArrayList<>(List.of("forecast", "--transactions", file.toString()));
    fromFile.addAll(options);
    List<String> fromPipe = new ArrayList<>(List.of("forecast", "--transactions", "-"));
    fromPipe.addAll(options);

    CliRun direct = CliRun.run(fromFile.toArray(new String[0]));
    Process p = cli(fromPipe, Files.readAllBytes(file));
    JsonNode piped = new ObjectMapper().readTree(p.getInputStream());

    assertThat(p.waitFor()).isZero();
    assertThat(direct.exitCode()).as(direct.toString()).isZero();
    assertThat(piped).isEqualTo(direct.json());
  }
}
