package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Usage, exit codes, messages and the masking of passwords. */
class CustintelCliTest {
  private static final String UNREACHABLE_PG = "jdbc:postgresql://127.0.0.1:1/shop?user=shop&password=secret123";

  @TempDir Path dir;

  private String h2() {
    return "jdbc:h2:file:" + dir.resolve("custintel").toAbsolutePath();
  }

  @Test
  void help_rootOption_printsCommandsAndExits0() {
    CliRun run = CliRun.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: custintel", "demo", "import", "profile", "Exit codes");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void help_eachCommand_printsItsOptionsAndExits0() {
    assertThat(CliRun.run("import", "--help").out()).contains("--format", "--strict", "--batch-size", "--zone");
    assertThat(CliRun.run("profile", "--help").out()).contains("--db", "CUSTOMER_ID");
    assertThat(CliRun.run("demo", "--help").out()).contains("--customers", "--seed", "--db");
    assertThat(CliRun.run("help", "import").exitCode()).isZero();
  }

  @Test
  void help_everyCommandAndSubcommand_formatsWithoutPicocliWarnings() {
    List<List<String>> paths = new ArrayList<>();
    commandPaths(CustintelCli.commandLine(), new ArrayList<>(), paths);
    assertThat(paths).contains(List.of("clv", "score"), List.of("models", "refresh"), List.of("models", "list"));

    // picocli reports a description it cannot format (such as an unescaped %) on System.err, not on the command's.
    PrintStream systemErr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(warnings, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      for (List<String> path : paths) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CliRun help = CliRun.run(args.toArray(String[]::new));
        assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
        assertThat(help.err()).as(String.join(" ", args)).isEmpty();
      }
    } finally {
      System.setErr(systemErr);
    }
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static void commandPaths(CommandLine command, List<String> path, List<List<String>> paths) {
    command.getSubcommands().forEach((name, sub) -> {
      if (!"help".equals(name)) {
        List<String> subPath = new ArrayList<>(path);
        subPath.add(name);
        paths.add(subPath);
        commandPaths(sub, subPath, paths);
      }
    });
  }

  @Test
  void version_option_printsVersionAndExits0() {
    CliRun run = CliRun.run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("custintel ");
    // The short-cut says what picocli's --version says.
    assertThat(run.out().strip()).isEqualTo(new CustintelCli.Version().getVersion()[0]);
    assertThat(CliRun.run("-V").out()).isEqualTo(run.out());
    assertThat(CliRun.run("--version", "extra").out()).isEqualTo(run.out()); // as picocli has always answered
  }

  @Test
  void version_optionOfEveryCommand_printsTheProgramsVersion() {
    // Every command's help lists "-V, --version  Print version information and exit."; picocli gives a subcommand
    // no version of its own, and they used to print an empty line.
    String version = CliRun.run("--version").out();
    for (String[] args : List.of(new String[] {"import", "-V"}, new String[] {"clv", "fit", "--version"},
        new String[] {"clv", "-V"}, new String[] {"keys", "create", "-V"}, new String[] {"forecast", "--version"},
        new String[] {"ask", "-V"})) {
      CliRun run = CliRun.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).as(String.join(" ", args)).isEqualTo(version);
    }
  }

  @Test
  void aRunRegistersOnlyTheCommandItRuns() {
    // picocli models every registered command by reflection (about 0.4 s for all): a run pays for its own only.
    // The table's names are the commands' own.
    CustintelCli.COMMANDS.forEach((name, command) ->
        assertThat(command.getAnnotation(picocli.CommandLine.Command.class).name()).isEqualTo(name));
    assertThat(CustintelCli.commandLine("clv", "fit", "--help").getSubcommands()).containsOnlyKeys("clv");
    assertThat(CustintelCli.commandLine("--version").getSubcommands()).isEmpty();
    assertThat(CustintelCli.commandLine("--help").getSubcommands()).containsKeys("demo", "clv", "ask", "help");
    assertThat(CustintelCli.commandLine("clvv").getSubcommands()).hasSameSizeAs(
        CustintelCli.commandLine().getSubcommands());
    // A mistyped command still gets the nearest names, and help still knows every command.
    CliRun typo = CliRun.run("clvv");
    assertThat(typo.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(typo.err()).contains("clv");
    CliRun help = CliRun.run("help", "experiments");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("sample-size");
  }

  @Test
  void aRunOfAGroupsSubcommandRegistersOnlyThatSubcommand() {
    // The table's names are the subcommands' own, and every group is in it.
    CustintelCli.GROUPS.forEach((group, subcommands) -> subcommands.forEach((name, command) ->
        assertThat(command.getAnnotation(picocli.CommandLine.Command.class).name()).as(group).isEqualTo(name)));
    CustintelCli.commandLine().getSubcommands().forEach((name, command) ->
        assertThat(command.getSubcommands().isEmpty()).as(name).isEqualTo(!CustintelCli.GROUPS.containsKey(name)));
    assertThat(CustintelCli.commandLine("clv", "fit", "--transactions", "x").getSubcommands().get("clv")
        .getSubcommands()).containsOnlyKeys("fit");
    assertThat(CustintelCli.commandLine("keys", "revoke").getSubcommands().get("keys").getSubcommands())
        .containsOnlyKeys("revoke");
    for (String[] args : new String[][] {{"clv"}, {"clv", "--help"}, {"clv", "help", "fit"}, {"clv", "fitt"}}) {
      assertThat(CustintelCli.commandLine(args).getSubcommands().get("clv").getSubcommands())
          .as(String.join(" ", args)).containsOnlyKeys("fit", "score", "help");
    }
    // Help and a mistyped subcommand still see every subcommand of the group.
    CliRun typo = CliRun.run("clv", "fitt");
    assertThat(typo.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(typo.err()).contains("fit", "score");
    CliRun help = CliRun.run("clv", "help", "score");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--horizon-months");
    CliRun groupHelp = CliRun.run("experiments", "--help");
    assertThat(groupHelp.out()).contains("create", "sample-size", "help");
    assertThat(CliRun.run("clv", "fit", "--help").out()).contains("--calibration-end");
  }

  @Test
  void run_noCommand_exits2WithUsage() {
    CliRun run = CliRun.run();

    assertThat(run.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(run.err()).contains("Missing command", "Usage: custintel");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void run_unknownCommand_exits2WithUsageOnStderr() {
    CliRun run = CliRun.run("frobnicate");

    assertThat(run.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(run.err()).contains("frobnicate", "Usage: custintel");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void profile_missingDb_exits2() {
    CliRun run = CliRun.run("profile", "00002");

    assertThat(run.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(run.err()).contains("--db", "Usage: custintel profile");
  }

  @Test
  void import_missingDb_exits2() {
    CliRun run = CliRun.run("import", "--format", "cdnow", "file.txt");

    assertThat(run.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(run.err()).contains("--db");
  }

  @Test
  void import_unknownFormat_exits2NamingTheFormats() {
    CliRun run = CliRun.run("import", "--db", h2(), "--format", "xml", "file.txt");

    assertThat(run.exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(run.err()).contains("cdnow, online-retail, orders-csv", "'xml'");
  }

  @Test
  void import_badOptionValues_exit2() {
    String file = CliRun.resource("orders-good.csv").toString();

    assertThat(CliRun.run("import", "--db", h2(), "--format", "orders-csv", "--zone", "Mars/Olympus", file)
        .exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(CliRun.run("import", "--db", h2(), "--format", "orders-csv", "--batch-size", "0", file)
        .exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(CliRun.run("import", "--db", h2(), "--format", "orders-csv", "--max-reported", "-1", file)
        .exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(CliRun.run("import", "--db", "jdbc:mysql://localhost/shop", "--format", "orders-csv", file)
        .exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(CliRun.run("profile", "--db", h2(), "--as-of", "yesterday", "C-1").exitCode())
        .isEqualTo(CustintelCli.USAGE);
    assertThat(CliRun.run("demo", "--customers", "0").exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(CliRun.run("demo", "--months", "0").exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(CliRun.run("demo", "--currency", "XYZ1").exitCode()).isEqualTo(CustintelCli.USAGE);
    assertThat(CliRun.run("demo", "--db", "jdbc:sqlite:x").exitCode()).isEqualTo(CustintelCli.USAGE);
  }

  /** Issue 11: without a database name the driver connected to a default database and created the tables there. */
  @Test
  void postgresUrlWithoutDatabase_exits2AskingForOne() {
    String file = CliRun.resource("orders-good.csv").toString();
    for (String url : List.of("jdbc:postgresql:", "jdbc:postgresql://127.0.0.1:5432", "jdbc:postgresql://127.0.0.1/",
        "jdbc:postgresql://u:hunter2@127.0.0.1:5432/?sslmode=disable", "jdbc:postgresql:?user=postgres")) {
      CliRun run = CliRun.run("import", "--db", url, "--format", "orders-csv", file);
      assertThat(run.exitCode()).as(url + ": " + run).isEqualTo(CustintelCli.USAGE);
      assertThat(run.firstErrLine()).contains("--db must name the database").doesNotContain("hunter2");
      assertThat(CliRun.run("profile", "--db", url, "C-1").exitCode()).isEqualTo(CustintelCli.USAGE);
    }
    assertThat(Databases.postgresDatabase("jdbc:postgresql://h1:5432,h2:5433/shop?user=x")).isEqualTo("shop");
    assertThat(Databases.postgresDatabase("jdbc:postgresql:shop")).isEqualTo("shop");
  }

  @Test
  void import_missingFile_exits1WithOneLineMessageAndNoStackTrace() {
    String missing = dir.resolve("no-such-file.csv").toString();

    CliRun run = CliRun.run("import", "--db", h2(), "--format", "orders-csv", missing);

    assertThat(run.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip().lines()).containsExactly("custintel: file '" + missing + "' does not exist");
  }

  @Test
  void import_directory_exits1() {
    CliRun run = CliRun.run("import", "--db", h2(), "--format", "orders-csv", dir.toString());

    assertThat(run.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.err()).contains("is a directory");
  }

  @Test
  void import_withProgress_reportsBatchesOnStderrAndKeepsStdoutJson() {
    String file = CliRun.resource("orders-one-bad-row.csv").toString();

    CliRun run = CliRun.run(
        "import", "--db", h2(), "--format", "orders-csv", "--batch-size", "1", "--progress", file);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    // One line per batch (here one order each), then the file's summary with the time taken.
    List<String> lines = run.err().strip().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).startsWith("orders-one-bad-row.csv: ~")
        .endsWith("; 5 rows read, 3 orders written, 1 rejected");
    assertThat(lines.get(3)).matches("orders-one-bad-row\\.csv: 5 rows read, 3 orders written, 1 rejected in \\d+\\.\\d s");
    assertThat(run.json().get("ordersWritten").asLong()).isEqualTo(3);
  }

  @Test
  void import_withoutProgressOnCapturedStderr_printsNothingThere() {
    String file = CliRun.resource("orders-good.csv").toString();

    CliRun run = CliRun.run("import", "--db", h2(), "--format", "orders-csv", file);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
  }

  @Test
  void import_maxReported_capsTheListsButCountsEverything() {
    String file = CliRun.resource("orders-one-bad-row.csv").toString();

    CliRun run = CliRun.run("import", "--db", h2(), "--format", "orders-csv", "--max-reported", "1", file, file);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode report = run.json();
    assertThat(report.get("rejectedCount").asLong()).isEqualTo(2);
    assertThat(report.get("rejected")).hasSize(1);
  }

  @Test
  void profile_h2FileThatDoesNotExist_exits1WithoutCreatingIt() {
    Path missing = dir.resolve("nothing-here");

    CliRun run = CliRun.run("profile", "--db", "jdbc:h2:file:" + missing, "C-1");

    assertThat(run.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.err()).contains("not found");
    assertThat(missing.resolveSibling("nothing-here.mv.db")).doesNotExist();
  }

  @Test
  void profile_unreachableDatabaseWithPassword_exits1AndNeverPrintsThePassword() {
    CliRun run = CliRun.run("profile", "--db", UNREACHABLE_PG, "C-1");

    assertThat(run.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.err()).startsWith("custintel: ").contains("connect");
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.out() + run.err()).doesNotContain("secret123");
  }

  @Test
  void import_unreachableDatabaseWithPassword_exits1AndNeverPrintsThePassword() {
    String file = CliRun.resource("orders-good.csv").toString();

    CliRun run = CliRun.run("import", "--db", UNREACHABLE_PG, "--format", "orders-csv", file);

    assertThat(run.exitCode()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.out() + run.err()).doesNotContain("secret123");
  }

  @Test
  void usageErrors_withPasswordInArguments_neverPrintThePassword() {
    CliRun unmatched = CliRun.run("profile", "--db", UNREACHABLE_PG, "C-1", "extra;password=secret123");
    CliRun badScheme = CliRun.run("profile", "--db", "jdbc:mysql://h/db?password=secret123", "C-1");
    CliRun h2Setting = CliRun.run("demo", "--db", "jdbc:h2:mem:x;PASSWORD=secret123", "--customers", "-5");

    for (CliRun run : new CliRun[] {unmatched, badScheme, h2Setting}) {
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.USAGE);
      assertThat(run.out() + run.err()).doesNotContain("secret123");
    }
    assertThat(badScheme.err()).contains("password=***");
  }

  /** Issue 11, D7: pgjdbc echoes the URL's authority without the "//", and the password was printed. */
  @Test
  void profile_userPasswordInUrlAuthority_neverPrintsThePassword() {
    CliRun run = CliRun.run("profile", "--db", "jdbc:postgresql://secuser:hunter2@127.0.0.1:5433/sec", "C-1");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CustintelCli.FAILED);
    assertThat(run.err()).startsWith("custintel: ");
    assertThat(run.out() + run.err()).doesNotContain("hunter2");
  }

  @Test
  void import_passwordInAnyPositionOrCase_neverPrintsThePassword() {
    String file = CliRun.resource("orders-good.csv").toString();
    String[] urls = {
      "jdbc:postgresql://secuser:hunter2@127.0.0.1:5433/sec",
      "jdbc:postgresql://127.0.0.1:1/sec?password=hunter2&user=secuser",
      "jdbc:postgresql://127.0.0.1:1/sec?user=secuser&PASSWORD=hunter2",
      "jdbc:h2:tcp://127.0.0.1:1/sec;USER=sa;PASSWORD=hunter2",
      "jdbc:h2:tcp://127.0.0.1:1/sec;password=hunter2;USER=sa",
    };
    for (String url : urls) {
      CliRun run = CliRun.run("import", "--db", url, "--format", "orders-csv", file);

      assertThat(run.exitCode()).as(url + "\n" + run).isEqualTo(CustintelCli.FAILED);
      assertThat(run.out() + run.err()).as(url).doesNotContain("hunter2");
    }
  }

  /** Every credential form, echoed by the usage error of a URL that is neither PostgreSQL nor H2. */
  @Test
  void usageError_echoedUrlWithAnyCredentialForm_masksEachOne() {
    String[] urls = {
      "jdbc:mysql://secuser:hunter2@127.0.0.1:5433/sec",
      "jdbc:mysql://127.0.0.1/sec?password=hunter2&user=secuser",
      "jdbc:mysql://127.0.0.1/sec?user=secuser&Password=hunter2",
      "jdbc:mysql:127.0.0.1/sec;USER=sa;PASSWORD=hunter2;MODE=MySQL",
      "jdbc:mysql:127.0.0.1/sec;PASSWORD = hunter2",
      "jdbc:mysql:secuser:hunter2@127.0.0.1",
    };
    for (String url : urls) {
      CliRun run = CliRun.run("profile", "--db", url, "C-1");

      assertThat(run.exitCode()).as(url + "\n" + run).isEqualTo(CustintelCli.USAGE);
      assertThat(run.out() + run.err()).as(url).doesNotContain("hunter2").contains("***");
    }
  }

  @Test
  void maskSecrets_urlsAndSettings_replacesEveryPassword() {
    assertThat(CustintelCli.maskSecrets("jdbc:postgresql://h/db?user=u&password=s3cr%t&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    assertThat(CustintelCli.maskSecrets("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=pw;MODE=PostgreSQL"))
        .isEqualTo("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=***;MODE=PostgreSQL");
    assertThat(CustintelCli.maskSecrets("postgresql://user:pw@host/db")).isEqualTo("postgresql://user:***@host/db");
    assertThat(CustintelCli.maskSecrets("Could not connect to the database: secuser:hunter2@127.0.0.1."))
        .isEqualTo("Could not connect to the database: secuser:***@127.0.0.1.");
    assertThat(CustintelCli.maskSecrets("u:p@ss:w@rd@host and DB_PASSWORD=x;Pwd = y"))
        .isEqualTo("u:***@host and DB_PASSWORD=***;Pwd = ***");
    assertThat(CustintelCli.maskSecrets("no secrets here")).isEqualTo("no secrets here");
    assertThat(CustintelCli.maskSecrets(null)).isEmpty();
    assertThat(CustintelCli.oneLine("first\n  second\r\nthird")).isEqualTo("first second third");
  }

  @Test
  void existingOnly_h2FileUrls_getIfExistsOthersUnchanged() {
    assertThat(Databases.existingOnly("jdbc:h2:file:./data/ci")).isEqualTo("jdbc:h2:file:./data/ci;IFEXISTS=TRUE");
    assertThat(Databases.existingOnly("jdbc:h2:./data/ci")).isEqualTo("jdbc:h2:./data/ci;IFEXISTS=TRUE");
    assertThat(Databases.existingOnly("jdbc:h2:file:./ci;IFEXISTS=FALSE"))
        .isEqualTo("jdbc:h2:file:./ci;IFEXISTS=FALSE");
    assertThat(Databases.existingOnly("jdbc:h2:mem:ci")).isEqualTo("jdbc:h2:mem:ci");
    assertThat(Databases.existingOnly("jdbc:h2:tcp://h/ci")).isEqualTo("jdbc:h2:tcp://h/ci");
    assertThat(Databases.existingOnly("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
  }

  @Test
  void json_amounts_keepAtLeastTheCurrencyDecimals() {
    java.util.Currency usd = java.util.Currency.getInstance("USD");
    java.util.Currency jpy = java.util.Currency.getInstance("JPY");

    assertThat(Json.amount(new java.math.BigDecimal("89"), usd)).isEqualTo("89.00");
    assertThat(Json.amount(new java.math.BigDecimal("89.0000"), usd)).isEqualTo("89.00");
    assertThat(Json.amount(new java.math.BigDecimal("18.3333"), usd)).isEqualTo("18.3333");
    assertThat(Json.amount(new java.math.BigDecimal("1000.00"), jpy)).isEqualTo("1000");
    assertThat(Json.amount(new java.math.BigDecimal("5.5"), null)).isEqualTo("5.50");
    assertThat(Json.money(null)).isNull();
    assertThat(Json.instant(null)).isNull();
  }
}
