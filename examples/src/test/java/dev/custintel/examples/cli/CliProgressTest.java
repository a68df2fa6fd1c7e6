package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Progress of the long commands on stderr: on a terminal by default, never with --quiet or on a pipe. */
class CliProgressTest {
  @TempDir Path dir;

  /**
   * @param terminal whether the commands are told that stderr is a terminal
   * @param args the command line
   * @return the run; stderr as the terminal would receive it
   */
  private static CliRun run(boolean terminal, String... args) {
    CommandLine cli = CustintelCli.commandLine();
    Objects.requireNonNull(cli.getSubcommands().get("demo")).<DemoCommand>getCommand().errIsTerminal = terminal;
    Objects.requireNonNull(cli.getSubcommands().get("import")).<ImportCommand>getCommand().errIsTerminal = terminal;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void demo_onATerminal_showsEachPhaseOnItsOwnLineAndKeepsTheReportOnStdout() {
    CliRun run = run(true, "demo", "--customers", "200", "--seed", "7");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("THE SHOP").doesNotContain("demo: ");
    // Each phase's line is rewritten in place ("\r") and ended by its summary with the time taken.
    // (String.lines() would split at each '\r' too.)
    String[] finished = Arrays.stream(run.err().split(Pattern.quote(System.lineSeparator()), -1))
        .filter(l -> !l.isEmpty())
        .map(l -> l.substring(l.lastIndexOf('\r') + 1))
        .toArray(String[]::new);
    assertThat(finished).hasSize(3);
    assertThat(finished[0]).matches(
        "demo: generating and storing the shop: 200 customers, [0-9,]+ orders, [0-9,]+ returns in \\d+\\.\\d s\u001b\\[K");
    assertThat(finished[1]).matches(
        "demo: running the models \\(backtest, fit, score, product rules\\): model run \\d+ in \\d+\\.\\d s\u001b\\[K");
    assertThat(finished[2]).matches("demo: writing the report: done in \\d+\\.\\d s\u001b\\[K");
    assertThat(run.err()).contains("demo: generating and storing the shop: 100%");
  }

  @Test
  void demo_onATerminalWithQuiet_printsNothingOnStderr() {
    CliRun run = run(true, "demo", "--customers", "50", "--quiet");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("THE SHOP");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void demo_notOnATerminal_printsNothingOnStderr() {
    CliRun run = run(false, "demo", "--customers", "50");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
  }

  @Test
  void import_onATerminal_endsWithTheFilesSummaryLine() {
    String db = "jdbc:h2:file:" + dir.resolve("ci");
    CliRun run = run(true, "import", "--db", db, "--format", "orders-csv", "--batch-size", "1",
        CliRun.resource("orders-good.csv").toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).startsWith("\rorders-good.csv...\u001b[K\rorders-good.csv: ~")
        .endsWith(System.lineSeparator());
    assertThat(run.err().split(Pattern.quote(System.lineSeparator()), -1))
        .as("one line, rewritten in place").hasSize(2);
    assertThat(run.err()).containsPattern("\rorders-good\\.csv: 2 rows read, 2 orders written, 0 rejected in "
        + "\\d+\\.\\d s\u001b\\[K\\R$");
    assertThat(run.json().get("ordersWritten").asLong()).isEqualTo(2);
  }

  @Test
  void import_quiet_winsOverProgressAndOverATerminal() {
    String db = "jdbc:h2:file:" + dir.resolve("ci");
    String file = CliRun.resource("orders-good.csv").toString();

    CliRun asked = run(false, "import", "--db", db, "--format", "orders-csv", "--progress", "--quiet", file);
    CliRun terminal = run(true, "import", "--db", db, "--format", "orders-csv", "--quiet", file);

    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    assertThat(asked.err()).isEmpty();
    assertThat(terminal.exitCode()).as(terminal.toString()).isZero();
    assertThat(terminal.err()).isEmpty();
    assertThat(terminal.json().get("ordersUnchanged").asLong()).isEqualTo(2);
  }
}
