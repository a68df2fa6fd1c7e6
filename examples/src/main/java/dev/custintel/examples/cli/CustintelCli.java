package dev.custintel.examples.cli;

import dev.custintel.analytics.experiments.ExperimentStateException;
import dev.custintel.core.CustintelException;
import dev.custintel.core.store.Credentials;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code custintel} command-line program: {@code demo}, {@code import}, {@code profile}, {@code models},
 * {@code actions}, {@code campaigns}, {@code experiments}, {@code clv}, {@code cohorts}, {@code segments},
 * {@code forecast}, {@code events}, {@code affinity}, {@code keys} and {@code ask}.
 *
 * <p>Exit codes: {@value #OK} success; {@value #FAILED} the command could not be done (invalid input, unknown
 * customer, database failure, missing file, no CLV model could be fitted, an experiment whose state does not allow
 * it), with a one-line message on stderr;
 * {@value #USAGE} usage error (unknown command or option, missing or malformed parameter), with the usage on stderr.
 * Passwords in JDBC URLs are masked in every message.
 */
@Command(
    name = "custintel",
    mixinStandardHelpOptions = true,
    versionProvider = CustintelCli.Version.class,
    description = "Customer intelligence from the command line: import order files, look up customer profiles, "
        + "run the churn and lifetime-value models on a database, run experiments on its customers, fit and score "
        + "customer-lifetime-value models on a transaction file, mine product affinity (frequent itemsets, "
        + "association rules) from a basket file, manage the REST server's API keys, ask questions in plain "
        + "language, or try it all on a synthetic shop.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the command failed: invalid input, unknown customer, experiment or API key, database error, missing file, "
          + "not enough data for the models, no model fitted, an experiment in a state that does not allow it (such "
          + "as starting a stopped one)",
      "2:usage error: unknown command or option, missing or malformed parameter"
    },
    footer = {
      "",
      "Examples:",
      "  custintel demo --customers 2000",
      "  custintel import --db jdbc:h2:file:./ci-data/ci --format cdnow CDNOW_master.txt",
      "  custintel profile --db jdbc:h2:file:./ci-data/ci 00002",
      "  custintel models refresh --db jdbc:h2:file:./ci-data/ci",
      "  custintel import --db 'jdbc:postgresql://localhost/shop?user=me&password=...' \\",
      "      --format orders-csv orders-2024.csv orders-2025.csv",
      "  custintel clv fit --transactions CDNOW_sample.txt --format cdnow \\",
      "      --calibration-end 1997-09-30 --holdout-end 1998-06-30 --period week",
      "  custintel clv score --transactions CDNOW_sample.txt --format cdnow \\",
      "      --calibration-end 1997-09-30 --horizon-months 12 > clv.csv",
      "  custintel affinity mine --baskets groceries.csv --format basket-csv \\",
      "      --min-support 0.001 --min-confidence 0.8",
      "  custintel keys create --db jdbc:h2:file:./ci-data/ci --name dashboard --scope read",
      "  custintel ask --db jdbc:h2:file:./ci-data/ci \"Top 10 VIP customers this month\"",
      "",
      "Run 'custintel COMMAND --help' for a command's options."
    })
public final class CustintelCli implements Callable<Integer> {
  /** Exit code of a successful command. */
  public static final int OK = 0;
  /** Exit code of a command that failed on its input, the data or the database. */
  public static final int FAILED = 1;
  /** Exit code of a usage error. */
  public static final int USAGE = 2;

  /**
   * The commands, in the order the help lists them. They are not in the {@code @Command} annotation: picocli builds
   * the model of every command it is given by reflection, about 0.4 s for all of them, so a run registers only the
   * command it runs (see {@link #commandLine(String...)}).
   */
  static final Map<String, Class<?>> COMMANDS = commands(
      "demo", DemoCommand.class, "import", ImportCommand.class, "profile", ProfileCommand.class,
      "models", ModelsCommand.class, "actions", ActionsCommand.class, "campaigns", CampaignsCommand.class,
      "experiments", ExperimentsCommand.class, "clv", ClvCommand.class, "cohorts", CohortsCommand.class,
      "segments", SegmentsCommand.class, "forecast", ForecastCommand.class, "events", EventsCommand.class,
      "affinity", AffinityCommand.class, "keys", KeysCommand.class, "ask", AskCommand.class,
      "help", CommandLine.HelpCommand.class);

  /**
   * The subcommands of each command group, in the order its help lists them. Not in the groups' {@code @Command}
   * annotations, for the reason of {@link #COMMANDS}: a run of {@code clv fit} models neither {@code clv score} nor
   * the group's {@code help} (about 15 ms of a cold start).
   */
  static final Map<String, Map<String, Class<?>>> GROUPS = Map.of(
      "models", commands("refresh", ModelsRefreshCommand.class, "list", ModelsListCommand.class,
          "help", CommandLine.HelpCommand.class),
      "actions", commands("next", ActionsNextCommand.class, "help", CommandLine.HelpCommand.class),
      "campaigns", commands("retention", CampaignsRetentionCommand.class, "help", CommandLine.HelpCommand.class),
      "experiments", commands("create", ExperimentsCreateCommand.class, "start", ExperimentsStartCommand.class,
          "stop", ExperimentsStopCommand.class, "list", ExperimentsListCommand.class,
          "assign", ExperimentsAssignCommand.class, "expose", ExperimentsExposeCommand.class,
          "analyze", ExperimentsAnalyzeCommand.class, "sample-size", ExperimentsSampleSizeCommand.class,
          "help", CommandLine.HelpCommand.class),
      "clv", commands("fit", ClvFitCommand.class, "score", ClvScoreCommand.class,
          "help", CommandLine.HelpCommand.class),
      "affinity", commands("mine", AffinityMineCommand.class, "help", CommandLine.HelpCommand.class),
      "keys", commands("create", KeysCreateCommand.class, "list", KeysListCommand.class,
          "revoke", KeysRevokeCommand.class, "help", CommandLine.HelpCommand.class));

  private static Map<String, Class<?>> commands(Object... nameThenClass) {
    // Names written out, so that finding one does not read every command's annotation (and load its subcommands).
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    for (int i = 0; i < nameThenClass.length; i += 2) {
      commands.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
    }
    return Collections.unmodifiableMap(commands);
  }

  @Spec CommandSpec spec;

  /** @return the program with every command, as its help lists them */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CustintelCli());
    for (Map.Entry<String, Class<?>> command : COMMANDS.entrySet()) {
      cli.addSubcommand(command(command.getKey(), command.getValue(), ""));
    }
    return cli;
  }

  /**
   * @param args the command line
   * @return the program with what {@code args} need: only the command they name when they start with one (and of a
   *     group, only the subcommand named next), nothing more for {@code --version}, and every command otherwise
   *     (help, a missing or mistyped command, which is answered with the nearest names); built from the models
   *     the build wrote ({@link CommandModels}) where they serve, otherwise by picocli from the annotations
   */
  static CommandLine commandLine(String... args) {
    CommandLine copied = CommandModels.commandLine(args);
    return copied != null ? copied : reflectiveCommandLine(args);
  }

  /**
   * @param args the command line
   * @return what {@link #commandLine(String...)} returns, built by picocli from the commands' annotations (which
   *     {@link CommandModels} copies at build time)
   */
  static CommandLine reflectiveCommandLine(String... args) {
    String first = args.length == 0 ? "" : args[0];
    if (first.equals("-V") || first.equals("--version")) {
      return new CommandLine(new CustintelCli());
    }
    Class<?> command = COMMANDS.get(first);
    if (command == null || command == CommandLine.HelpCommand.class) {
      return commandLine();
    }
    CommandLine cli = new CommandLine(new CustintelCli());
    cli.addSubcommand(command(first, command, args.length > 1 ? args[1] : ""));
    return cli;
  }

  /**
   * @param name a command's name
   * @param command its class
   * @param next the argument after it
   * @return the command, or, for a group, the group with the subcommand {@code next} names, or with all of them
   *     when {@code next} names none of them or its {@code help}
   */
  private static Object command(String name, Class<?> command, String next) {
    Map<String, Class<?>> subcommands = GROUPS.get(name);
    if (subcommands == null) {
      return command;
    }
    CommandLine group = new CommandLine(command);
    Class<?> named = subcommands.get(next);
    if (named != null && named != CommandLine.HelpCommand.class) {
      group.addSubcommand(next, named);
    } else {
      subcommands.forEach(group::addSubcommand);
    }
    return group;
  }

  /**
   * Runs the program and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the program without exiting the JVM.
   *
   * @param out where the command's output goes (JSON or the demo report)
   * @param err where messages, usage and progress go
   * @param args the command line
   * @return the exit code: 0 success, 1 failure, 2 usage error
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(out, err, true, args);
  }

  /**
   * Runs the program without exiting the JVM.
   *
   * @param out where the command's output goes
   * @param err where messages, usage and progress go
   * @param plain whether a plain command line of a file command may be parsed without picocli
   *     ({@link PlainCommandLine}); false has picocli parse every line (for tests that compare the two)
   * @param args the command line
   * @return the exit code
   */
  static int run(PrintStream out, PrintStream err, boolean plain, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Nothing of the command model is needed to say the version: about 0.1 s of picocli set-up saved.
      out.println(Version.text());
      out.flush();
      return OK;
    }
    PrintWriter outWriter = new PrintWriter(new PrintStreamWriter(out), true);
    PrintWriter errWriter = new PrintWriter(new PrintStreamWriter(err), true);
    boolean errIsTerminal = err == System.err && stderrIsTerminal();
    try {
      FileCommand command = plain ? PlainCommandLine.parse(args) : null;
      if (command != null) {
        return runPlain(command, args, outWriter, errWriter);
      }
      return configured(args, outWriter, errWriter, errIsTerminal).execute(args);
    } catch (OutOfMemoryError e) { // picocli lets errors through: one line, not a stack trace
      errWriter.println(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.AUTO)
          .errorText("custintel: " + outOfMemory(e)));
      return FAILED;
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * @return the program's picocli model for the arguments, with the program's streams, handlers and settings
   */
  private static CommandLine configured(String[] args, PrintWriter out, PrintWriter err, boolean errIsTerminal) {
    // Subcommands first: picocli hands these settings only to the commands registered when they are set.
    CommandLine cli = commandLine(args)
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(new UsageErrorHandler())
        .setExecutionExceptionHandler(new FailureHandler());
    sayVersionEverywhere(cli);
    CommandLine importCommand = cli.getSubcommands().get("import");
    if (importCommand != null) {
      importCommand.<ImportCommand>getCommand().errIsTerminal = errIsTerminal;
    }
    CommandLine demoCommand = cli.getSubcommands().get("demo");
    if (demoCommand != null) {
      demoCommand.<DemoCommand>getCommand().errIsTerminal = errIsTerminal;
    }
    return cli;
  }

  /**
   * Calls a command that {@link PlainCommandLine} parsed, as picocli's {@code execute} would call it: its result is
   * the exit code; a usage error it finds, or an exception it throws, is reported by picocli's model of the command
   * line, built only then, with the handlers of a picocli run (so the messages, the usage and the exit codes are the
   * same); an error (such as running out of memory) goes through, as picocli lets it.
   */
  private static int runPlain(FileCommand command, String[] args, PrintWriter out, PrintWriter err) {
    command.plainStreams(out, err);
    try {
      return command.call();
    } catch (FileCommand.UsageException e) {
      CommandLine named = named(configured(args, out, err, false), args);
      return new UsageErrorHandler().handleParseException(new ParameterException(named, e.getMessage()), args);
    } catch (Exception e) {
      return new FailureHandler().handleExecutionException(e, named(configured(args, out, err, false), args), null);
    }
  }

  /** @return the command that the first two arguments name ({@code clv fit}) in the program's model */
  private static CommandLine named(CommandLine cli, String[] args) {
    CommandLine group = Objects.requireNonNull(cli.getSubcommands().get(args[0]), args[0]);
    return Objects.requireNonNull(group.getSubcommands().get(args[1]), args[1]);
  }

  /**
   * Gives every command the program's version: each one's help lists {@code -V, --version} ("Print version
   * information and exit"), but picocli gives a subcommand no version of its own, so {@code custintel import -V}
   * printed an empty line.
   */
  private static void sayVersionEverywhere(CommandLine commandLine) {
    if (commandLine.getCommandSpec().versionProvider() == null) {
      commandLine.getCommandSpec().versionProvider(new Version());
    }
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      sayVersionEverywhere(sub);
    }
  }

  /**
   * Whether the process's stderr is a terminal. On Linux, where fd 2 points to; elsewhere whether the JVM has a
   * console (stdin and stdout are terminals), which is the best Java 17 can tell.
   */
  private static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not allowed to look: fall back to the console
    }
    return System.console() != null;
  }

  /** Without a command: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: use demo, import, profile, models, clv, affinity or keys");
  }

  /**
   * Replaces every password in a text, such as a JDBC URL, with {@code ***}.
   *
   * @param text a message or URL, or null
   * @return the text with passwords masked ({@code ""} for null)
   */
  static String maskSecrets(@Nullable String text) {
    return Credentials.mask(text);
  }

  /** @return the message on one line, passwords masked */
  static String oneLine(@Nullable String message) {
    return maskSecrets(message).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  /**
   * @param e the error
   * @return one line saying what ran out and what to do
   */
  static String outOfMemory(OutOfMemoryError e) {
    Runtime runtime = Runtime.getRuntime();
    String what = e.getMessage() == null || e.getMessage().isBlank() ? "memory" : e.getMessage();
    return String.format(Locale.ROOT,
        "out of memory (%s, with a maximum heap of %d MB): give Java more, such as java -Xmx2g -jar custintel.jar"
            + " ..., or for an import use a smaller --batch-size or fewer --writers",
        what, runtime.maxMemory() / (1024 * 1024));
  }

  /** Prints a picocli parameter error (masked) and the usage of the command, and returns 2. */
  private static final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println(cmd.getColorScheme().errorText("custintel: " + oneLine(ex.getMessage())));
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println();
      cmd.usage(err, cmd.getColorScheme());
      err.flush();
      return USAGE;
    }
  }

  /** Prints a one-line message for a failed command and returns 1. */
  private static final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, @Nullable ParseResult parseResult) {
      PrintWriter err = cmd.getErr();
      err.println(cmd.getColorScheme().errorText("custintel: " + describe(ex)));
      if (debug()) {
        // CUSTINTEL_DEBUG=1 shows where it failed; the trace's messages may hold a URL too, so it is masked.
        java.io.StringWriter trace = new java.io.StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        err.print(maskSecrets(trace.toString()));
      }
      err.flush();
      return FAILED;
    }

    private static String describe(Exception ex) {
      for (Throwable t = ex; t != null; t = t.getCause()) {
        if (t instanceof OutOfMemoryError oom) { // such as a writer thread's, rethrown as a DataAccessException
          return outOfMemory(oom);
        }
      }
      if (ex instanceof ExperimentStateException state) {
        // Such as starting a stopped experiment: the message says what was refused; the state is added if it does not
        // say it, so that the one line tells what to do.
        String message = oneLine(state.getMessage());
        String status = state.status().wireName();
        return message.toLowerCase(Locale.ROOT).contains(status) ? message
            : message + " (experiment " + state.experimentId() + " is " + status + ")";
      }
      if (ex instanceof CustintelException || ex instanceof CliException) {
        return oneLine(ex.getMessage());
      }
      if (ex instanceof UncheckedIOException || ex instanceof IOException) {
        Throwable io = ex instanceof UncheckedIOException ? ex.getCause() : ex;
        return oneLine("cannot read input: " + io);
      }
      return oneLine("unexpected error: " + ex
          + " (set CUSTINTEL_DEBUG=1 to see where; please report it)");
    }

    private static boolean debug() {
      String value = System.getenv("CUSTINTEL_DEBUG");
      return value != null && !value.isBlank() && !"0".equals(value)
          && !"false".equals(value.toLowerCase(Locale.ROOT));
    }
  }

  /** The version in the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {text()};
    }

    static String text() {
      String version = CustintelCli.class.getPackage().getImplementationVersion();
      return "custintel " + (version != null ? version : "(development build)");
    }
  }

  /**
   * A writer onto a {@link PrintStream} that leaves the encoding to the stream, so text reaches the terminal in
   * the stream's charset.
   */
  private static final class PrintStreamWriter extends Writer {
    private final PrintStream stream;

    PrintStreamWriter(PrintStream stream) {
      this.stream = stream;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      stream.print(new String(chars, offset, length));
    }

    @Override
    public void write(String text, int offset, int length) {
      stream.print(text.substring(offset, offset + length));
    }

    @Override
    public void flush() {
      stream.flush();
    }

    @Override
    public void close() {
      stream.flush();
    }
  }
}
