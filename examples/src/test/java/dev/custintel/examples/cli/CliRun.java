package dev.custintel.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the program with captured streams.
 *
 * @param exitCode the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CliRun(int exitCode, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param args the command line
   * @return the run
   */
  static CliRun run(String... args) {
    return run(true, args);
  }

  /**
   * @param plain whether a plain command line may be parsed without picocli ({@link PlainCommandLine})
   * @param args the command line
   * @return the run
   */
  static CliRun run(boolean plain, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = CustintelCli.run(o, e, plain, args);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Starts the program in a new JVM on this test's class path, writes {@code input} into its stdin and closes it.
   *
   * @param args the command line
   * @param input the bytes of its standard input
   * @param stderr where its stderr goes (a pipe to read, or {@code INHERIT})
   * @return the process, its stdout to read
   * @throws IOException if it cannot be started or fed
   */
  static Process piped(List<String> args, byte[] input, ProcessBuilder.Redirect stderr) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CustintelCli.class.getName());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectError(stderr).start();
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write(input);
    }
    return p;
  }

  /**
   * Runs the program in a new JVM on this test's class path (a cold start, as a user's), logging the classes it
   * loads.
   *
   * @param dir where its stdout and stderr are kept
   * @param classLog where the JVM writes its class-load log ({@code -Xlog:class+load})
   * @param args the command line
   * @return the run
   * @throws IOException if it cannot be started or its output read
   * @throws InterruptedException if interrupted while waiting for it
   */
  static CliRun inNewJvm(Path dir, Path classLog, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xlog:class+load=info:file=" + classLog,
        "-cp", System.getProperty("java.class.path"), CustintelCli.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int code = p.waitFor();
    return new CliRun(code, Files.readString(out), Files.readString(err));
  }

  /** @return stdout parsed as JSON */
  JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (JsonProcessingException e) {
      throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
    }
  }

  /** @return the first line on stderr, empty if none */
  String firstErrLine() {
    return err.lines().findFirst().orElse("");
  }

  /**
   * @param name a file under src/test/resources
   * @return its path
   */
  static Path resource(String name) {
    try {
      return Path.of(CliRun.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Test resource missing: " + name, e);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}
