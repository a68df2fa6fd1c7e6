package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command models the build copies from the annotations ({@link CommandModels}) against picocli's own reflective
 * models, command by command: the same usage help, the same attributes of every option and parameter, and the same
 * result (the same field values, or the same error) for command lines generated from the options themselves.
 */
class CommandModelsTest {

  /** Every command path but those whose models cannot be copied (an argument group). */
  @Test
  void models_coverEveryCommandButTheOnesWithArgumentGroups() {
    List<String> expected = new ArrayList<>(CommandModels.paths());
    expected.remove("forecast"); // its --db and file options form an exclusive argument group

    List<String> copied = new ArrayList<>();
    for (String path : CommandModels.paths()) {
      if (!path.isEmpty() && CommandModels.commandLine(path.split(" ")) != null) {
        copied.add(path);
      }
    }
    expected.remove("");
    expected.removeIf(p -> CustintelCli.GROUPS.containsKey(p)); // a group alone is a usage error: reflective
    assertThat(copied).containsExactlyElementsOf(expected).hasSizeGreaterThanOrEqualTo(25);
  }

  /**
   * The class the build generated holds, byte for byte, the models the annotations give now: its string constants
   * round-trip every byte value the models use (NUL, quotes, backslashes, the 0xFF of a negative number), and it is not
   * left from an earlier build.
   */
  @Test
  void generatedClass_holdsTheModelsOfTheAnnotationsByteForByte() throws Exception {
    Class<?> data = Class.forName(CommandModels.class.getPackageName() + "." + CommandModels.DATA_CLASS);
    String[] paths = (String[]) staticField(data, "PATHS");
    String[] models = (String[]) staticField(data, "MODELS");
    Map<String, byte[]> expected = CommandModels.models();

    assertThat(paths).containsExactlyElementsOf(expected.keySet());
    java.util.Set<Integer> byteValues = new java.util.HashSet<>();
    for (int i = 0; i < paths.length; i++) {
      byte[] bytes = models[i].getBytes(StandardCharsets.ISO_8859_1);
      assertThat(bytes).as(paths[i]).isEqualTo(expected.get(paths[i]));
      for (byte b : bytes) {
        byteValues.add(b & 0xFF);
      }
    }
    assertThat(byteValues).as("byte values the literals had to carry").contains(0, '"' & 0xFF, '\\' & 0xFF, 0xFF);
  }

  private static Object staticField(Class<?> type, String name) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(null);
  }

  @Test
  void everyCommand_sameUsageHelpAndAttributesAsThePicocliReflectiveModel() {
    // Picocli warns on stderr when it cannot format a text (a description formatted twice, where "%%" became "%")
    // and then renders the raw text, which can look the same: so the comparison must also be silent.
    assertThat(stderrOf(CommandModelsTest::compareModels)).isEmpty();
  }

  private static void compareModels() {
    for (String[] args : runnablePaths()) {
      List<CommandLine> copied = chain(CommandModels.commandLine(args), args);
      List<CommandLine> reflective = chain(CustintelCli.reflectiveCommandLine(args), args);
      assertThat(copied).hasSameSizeAs(reflective);
      for (int i = 0; i < copied.size(); i++) {
        String where = String.join(" ", args) + " [" + i + "]";
        CommandSpec a = copied.get(i).getCommandSpec();
        CommandSpec b = reflective.get(i).getCommandSpec();
        assertThat(copied.get(i).getUsageMessage(CommandLine.Help.Ansi.OFF)).as(where)
            .isEqualTo(reflective.get(i).getUsageMessage(CommandLine.Help.Ansi.OFF));
        assertThat(a.name()).as(where).isEqualTo(b.name());
        assertThat(a.aliases()).as(where).isEqualTo(b.aliases());
        assertThat(a.mixins().keySet()).as(where)
            .isEqualTo(b.mixins().keySet().stream().filter(k -> !k.equals("mixinStandardHelpOptions"))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
        assertThat(a.versionProvider() == null ? null : a.versionProvider().getClass()).as(where)
            .isEqualTo(b.versionProvider() == null ? null : b.versionProvider().getClass());
        assertThat(a.args().stream().map(CommandModelsTest::describe).toList()).as(where)
            .isEqualTo(b.args().stream().map(CommandModelsTest::describe).toList());
        assertThat(a.subcommands().keySet()).as(where).isEqualTo(b.subcommands().keySet());
      }
    }
  }

  /**
   * For every option and positional parameter of every command, a command line with a value made from its type or
   * candidates: both models set the same fields to the same values, or refuse it with the same message.
   */
  @Test
  void everyOption_parsesToTheSameFieldsOrTheSameError() {
    int parsed = 0;
    int refused = 0;
    for (String[] path : runnablePaths()) {
      CommandSpec reflective = chain(CustintelCli.reflectiveCommandLine(path), path).get(path.length)
          .getCommandSpec();
      List<String> required = new ArrayList<>();
      List<List<String>> optional = new ArrayList<>();
      for (OptionSpec option : reflective.options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        List<String> words = new ArrayList<>(List.of(option.longestName()));
        if (option.arity().min() > 0 || (option.arity().max() > 0 && !isBoolean(option))) {
          words.add(sampleValue(option));
        }
        if (option.required()) {
          required.addAll(words);
        } else {
          optional.add(words);
          if (option.negatable()) {
            optional.add(List.of(option.longestName().replaceFirst("^--", "--no-")));
          }
        }
      }
      List<String> positionals = new ArrayList<>();
      for (PositionalParamSpec p : reflective.positionalParameters()) {
        for (int k = 0; k < Math.max(1, p.arity().min()); k++) {
          positionals.add(sampleValue(p));
        }
      }
      List<List<String>> lines = new ArrayList<>();
      lines.add(concat(path, required, List.of(), positionals));
      for (List<String> words : optional) {
        lines.add(concat(path, required, words, positionals));
      }
      lines.add(concat(path, List.of(), List.of(), List.of())); // the required options missing
      lines.add(concat(path, required, List.of("--no-such-option"), positionals));
      for (List<String> line : lines) {
        String[] args = line.toArray(new String[0]);
        Outcome a = parse(Objects.requireNonNull(CommandModels.commandLine(args), line.toString()), args);
        Outcome b = parse(CustintelCli.reflectiveCommandLine(args), args);
        assertThat(a).as(line.toString()).isEqualTo(b);
        if (a.error() == null) {
          parsed++;
        } else {
          refused++;
        }
      }
    }
    assertThat(parsed).as("command lines both models accepted").isGreaterThan(100);
    assertThat(refused).as("command lines both models refused").isGreaterThan(40);
  }

  /** A command whose default would be the build machine's home directory if copied interpolated. */
  @CommandLine.Command(name = "home")
  static final class HomeDefault implements Runnable {
    @CommandLine.Option(names = "--dir", defaultValue = "${sys:user.home}")
    String dir;

    @Override
    public void run() {}
  }

  /** A command whose description names itself through a variable. */
  @CommandLine.Command(name = "named", description = "${COMMAND-NAME} does nothing")
  static final class NamedInDescription implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void variablesInInterpolatedTexts_failTheBuildInsteadOfBeingCopiedResolved() {
    assertThatThrownBy(() -> CommandModels.model(new CommandLine(new HomeDefault()).getCommandSpec()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HomeDefault.dir")
        .hasMessageContaining("${sys:user.home}");
    assertThatThrownBy(() -> CommandModels.model(new CommandLine(new NamedInDescription()).getCommandSpec()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("named")
        .hasMessageContaining("${COMMAND-NAME}");
  }

  @Test
  void helpVersionAGroupAloneAndUnknownCommands_takeTheReflectiveWay() {
    assertThat(CommandModels.commandLine("clv", "fit", "--help")).isNull();
    assertThat(CommandModels.commandLine("clv", "fit", "-h")).isNull();
    assertThat(CommandModels.commandLine("import", "-hV")).isNull();
    assertThat(CommandModels.commandLine("import", "--version")).isNull();
    assertThat(CommandModels.commandLine("help", "import")).isNull();
    assertThat(CommandModels.commandLine("clv")).isNull();
    assertThat(CommandModels.commandLine("clv", "nope")).isNull();
    assertThat(CommandModels.commandLine("clvv")).isNull();
    assertThat(CommandModels.commandLine()).isNull();
    assertThat(CommandModels.commandLine("forecast", "--db", "jdbc:h2:mem:x")).isNull();
    // After "--" a word is a value, not a request for help: the copied model still serves it.
    assertThat(CommandModels.commandLine("ask", "--db", "jdbc:h2:mem:x", "--", "-h")).isNotNull();
    assertThat(CommandModels.commandLine("clv", "fit", "--transactions", "x")).isNotNull();
  }

  private static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** A parse: the command's fields (and its mixins'), or the error message. */
  private record Outcome(Map<String, Object> fields, String error) {}

  private static Outcome parse(CommandLine cli, String[] args) {
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      CommandLine.ParseResult result = cli.parseArgs(args);
      while (result.hasSubcommand()) {
        result = result.subcommand();
      }
      return new Outcome(fields(result.commandSpec().userObject()), null);
    } catch (CommandLine.ParameterException e) {
      return new Outcome(Map.of(), e.getMessage());
    }
  }

  /** @return the command's fields and its mixins' (but its picocli model), by name; also for PlainCommandLineTest */
  static Map<String, Object> fields(Object command) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field field : command.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) || CommandSpec.class.isAssignableFrom(field.getType())) {
        continue;
      }
      field.setAccessible(true);
      Object value;
      try {
        value = field.get(command);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
      if (value != null && value.getClass().getName().startsWith("dev.custintel.examples.cli.")
          && !value.getClass().isEnum()) {
        values.put(field.getName(), fields(value)); // a mixin
      } else {
        values.put(field.getName(), value instanceof Object[] array ? Arrays.asList(array) : value);
      }
    }
    return values;
  }

  private static String describe(ArgSpec arg) {
    StringBuilder s = new StringBuilder();
    if (arg instanceof OptionSpec o) {
      s.append(Arrays.toString(o.names())).append(" help=").append(o.help()).append(" usageHelp=")
          .append(o.usageHelp()).append(" versionHelp=").append(o.versionHelp()).append(" negatable=")
          .append(o.negatable()).append(" fallback=").append(o.fallbackValue()).append(" order=").append(o.order());
    } else {
      s.append("index=").append(((PositionalParamSpec) arg).index());
    }
    Iterable<String> candidates = arg.completionCandidates();
    s.append(" required=").append(arg.required()).append(" arity=").append(arg.arity())
        .append(" label=").append(arg.paramLabel()).append(" type=").append(arg.type().getName())
        .append(" aux=").append(Arrays.stream(arg.auxiliaryTypes()).map(Class::getName).toList())
        .append(" converters=").append(Arrays.stream(arg.converters()).map(c -> c.getClass().getName()).toList())
        .append(" split=").append(arg.splitRegex()).append(" hidden=").append(arg.hidden())
        .append(" default=").append(arg.defaultValue()).append(" initial=").append(arg.initialValue())
        .append(" hasInitial=").append(arg.hasInitialValue()).append(" showDefault=").append(arg.showDefaultValue())
        .append(" description=").append(Arrays.toString(arg.description()))
        .append(" rendered=").append(Arrays.toString(arg.renderedDescription()))
        .append(" candidates=").append(candidates == null ? null
            : StreamSupport.stream(candidates.spliterator(), false).toList())
        .append(" multi=").append(arg.isMultiValue()).append(" interactive=").append(arg.interactive())
        .append(" scope=").append(arg.scopeType()).append(" toString=").append(arg);
    return s.toString();
  }

  private static boolean isBoolean(ArgSpec arg) {
    return arg.type() == boolean.class || arg.type() == Boolean.class;
  }

  /** A value that the option's type or candidates make plausible; a converter may still refuse it. */
  private static String sampleValue(ArgSpec arg) {
    Iterable<String> candidates = arg.completionCandidates();
    if (candidates != null && candidates.iterator().hasNext()) {
      return candidates.iterator().next();
    }
    Class<?> type = arg.isMultiValue() && arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    String name = type.getSimpleName();
    return switch (name) {
      case "int", "Integer", "long", "Long", "short", "Short" -> "3";
      case "double", "Double", "float", "Float", "BigDecimal" -> "0.5";
      case "LocalDate" -> "2024-01-31";
      case "Instant" -> "2024-01-31T10:00:00Z";
      case "Path", "File" -> "orders.csv";
      case "Currency" -> "EUR";
      case "ZoneId" -> "Europe/Paris";
      default -> arg.paramLabel().contains("DATE") ? "2024-01-31" : "x1";
    };
  }

  private static List<String> concat(String[] path, Collection<String> required, Collection<String> optional,
      Collection<String> positionals) {
    List<String> line = new ArrayList<>(Arrays.asList(path));
    line.addAll(required);
    line.addAll(optional);
    line.addAll(positionals);
    return line;
  }

  /** The command paths that a run can name: every command, a group's subcommands, not a group alone. */
  private static List<String[]> runnablePaths() {
    List<String[]> paths = new ArrayList<>();
    for (String path : CommandModels.paths()) {
      if (!path.isEmpty() && !CustintelCli.GROUPS.containsKey(path) && !path.equals("forecast")) {
        paths.add(path.split(" "));
      }
    }
    return paths;
  }

  /** The root, then each command of the path. */
  private static List<CommandLine> chain(CommandLine root, String[] path) {
    Objects.requireNonNull(root, Arrays.toString(path));
    List<CommandLine> chain = new ArrayList<>(List.of(root));
    CommandLine current = root;
    for (String name : path) {
      current = Objects.requireNonNull(current.getSubcommands().get(name), name);
      chain.add(current);
    }
    return chain;
  }
}
