package dev.custintel.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the CLI in a child JVM and kills it with SIGKILL ({@link Process#destroyForcibly()} on Linux: no shutdown
 * hook, no close) when its progress lines on standard error say so, for tests of what a killed process leaves.
 */
final class KilledCli {
  private static final Pattern WRITTEN = Pattern.compile("([\\d,]+) orders written");

  /**
   * @param reports progress lines that reported orders written, up to the kill
   * @param ordersWritten the last of them
   * @param exitValue the child's exit value (137 when killed)
   * @param lines every line it wrote to standard error, for messages
   */
  record Outcome(int reports, long ordersWritten, int exitValue, List<String> lines) {}

  private KilledCli() {}

  /**
   * @param args the CLI's arguments, with {@code --progress}
   * @param killWhen given the number of reports so far and the orders written, whether to kill now
   * @return what the child reported before it was killed (or ended)
   */
  static Outcome run(List<String> args, BiPredicate<Integer, Long> killWhen)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        CustintelCli.class.getName()));
    command.addAll(args);
    Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long written = 0;
    int reports = 0;
    List<String> seen = new ArrayList<>();
    try (BufferedReader err = new BufferedReader(
        new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        seen.add(line);
        Matcher m = WRITTEN.matcher(line);
        if (m.find()) {
          written = Long.parseLong(m.group(1).replace(",", ""));
          if (killWhen.test(++reports, written)) {
            child.destroyForcibly();
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    return new Outcome(reports, written, child.exitValue(), seen);
  }
}
