package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.examples.readme.Readme;
import dev.custintel.examples.readme.Readme.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's {@code custintel} command lines against the CLI itself.
 *
 * <p>A command line is a line of a {@code bash} block (joined over trailing backslashes) that runs {@code java -jar
 * examples/target/custintel.jar} or {@code custintel}. It is a <em>synopsis</em> when it shows placeholders ({@code
 * [optional]}, {@code a|b}, {@code ...}, or a parameter label of the command such as {@code JDBC_URL}), else an
 * <em>example</em>:
 *
 * <ul>
 *   <li>every example runs, in README order, in this JVM (the CLI's {@code run}), and must exit 0 and print
 *       something sensible (valid JSON when it prints JSON). Each JDBC URL it names becomes an H2 database in a
 *       temporary folder (the same URL, the same database, so an import and the profile after it see the same
 *       data); files are taken from the repository's root, as the README says to run them;
 *   <li>the synopses of the section "The command line" list every option of every command, and no other: an
 *       option added to the CLI without README text fails here, naming the option, the command and the section.
 * </ul>
 */
class ReadmeCommandLineTest {
  /** The README section whose synopses must list every option. */
  static final String SECTION = "The command line";

  private static final Pattern COMMAND = Pattern.compile("(?:java\\s+-jar\\s+\\S*custintel\\.jar|^custintel)\\s+(.*)");

  @TempDir Path dir;

  /**
   * A command line of the README.
   *
   * @param block its block
   * @param text the command line after the program, continuation lines joined
   * @param args its arguments, shell quotes removed
   * @param path the subcommand names it starts with, such as [models, refresh]
   */
  record CommandLineText(Block block, String text, List<String> args, List<String> path) {
    String command() {
      return "custintel " + String.join(" ", path);
    }
  }

  @Test
  void everyExampleCommand_runsAndExitsZero() {
    Path root = Readme.projectRoot();
    List<CommandLineText> examples = commandLines(Readme.load()).stream().filter(c -> !isSynopsis(c)).toList();
    assertThat(examples).as("example command lines in README.md").extracting(CommandLineText::command)
        .contains("custintel demo", "custintel import", "custintel profile", "custintel models refresh",
            "custintel clv fit", "custintel affinity mine");

    Map<String, String> databases = new HashMap<>();
    for (CommandLineText example : examples) {
      List<String> args = new ArrayList<>();
      for (int i = 0; i < example.args().size(); i++) {
        String arg = example.args().get(i);
        if (i > 0 && example.args().get(i - 1).equals("--db")) {
          // One H2 database per URL of the README, in the test's folder: nothing is written in the repository.
          arg = databases.computeIfAbsent(arg,
              url -> "jdbc:h2:file:" + dir.resolve("db" + databases.size()).resolve("custintel").toAbsolutePath());
        } else if (!arg.startsWith("-") && arg.contains("/") && Files.exists(root.resolve(arg))) {
          arg = root.resolve(arg).toString();
        }
        args.add(arg);
      }

      CliRun run = CliRun.run(args.toArray(String[]::new));

      String what = example.block().where() + ": " + example.text() + "\nexit " + run.exitCode()
          + "\n--- stdout ---\n" + shortened(run.out()) + "\n--- stderr ---\n" + shortened(run.err());
      assertThat(run.exitCode()).as(what).isZero();
      assertThat(run.out()).as(what).isNotBlank();
      assertThat(run.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
      String out = run.out().strip();
      if (out.startsWith("{") || out.startsWith("[")) {
        JsonNode json = run.json();
        assertThat(json.isEmpty()).as(what + "\nprints an empty JSON value").isFalse();
      }
    }
  }

  @Test
  void everyOptionOfTheCli_isInTheReadmeSynopsisOfItsCommand() {
    Readme readme = Readme.load();
    assertThat(readme.section(SECTION)).as("README.md has a section \"## " + SECTION + "\"").isPresent();
    Map<List<String>, Set<String>> shown = new LinkedHashMap<>();
    for (CommandLineText c : commandLines(readme)) {
      if (c.block().section().equals(SECTION) && isSynopsis(c)) {
        shown.computeIfAbsent(c.path(), p -> new LinkedHashSet<>()).addAll(optionsIn(c.text()));
      }
    }

    List<String> problems = new ArrayList<>();
    for (Map.Entry<List<String>, CommandSpec> e : commands().entrySet()) {
      String command = "custintel " + String.join(" ", e.getKey());
      Set<String> cli = options(e.getValue());
      if (cli.isEmpty()) {
        continue;
      }
      Set<String> readmeOptions = shown.get(e.getKey());
      if (readmeOptions == null) {
        problems.add("README section \"" + SECTION + "\" has no synopsis of `" + command + "`: add a line `java -jar "
            + "examples/target/custintel.jar " + String.join(" ", e.getKey()) + " ...` to a bash block there, with "
            + "its options " + cli);
        continue;
      }
      for (String option : cli) {
        if (!readmeOptions.contains(option)) {
          OptionSpec spec = e.getValue().findOption(option);
          problems.add("README section \"" + SECTION + "\" does not show option " + option + " of `" + command
              + "` (" + String.join(" ", spec.description()) + "): add it to the synopsis line `java -jar "
              + "examples/target/custintel.jar " + String.join(" ", e.getKey()) + " ...` and say what it does");
        }
      }
      for (String option : readmeOptions) {
        if (!cli.contains(option)) {
          problems.add("README section \"" + SECTION + "\" shows option " + option + " for `" + command
              + "`, which the CLI does not have (its options: " + cli + ")");
        }
      }
    }
    for (List<String> path : shown.keySet()) {
      if (!commands().containsKey(path)) {
        problems.add("README section \"" + SECTION + "\" shows `custintel " + String.join(" ", path)
            + "`, which is not a command of the CLI");
      }
    }

    assertThat(problems).as("the CLI's options against README.md").isEmpty();
  }

  private static String shortened(String text) {
    return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "\n[... " + (text.length() - 2_000) + " more]";
  }

  /** The parsing above, on lines written for the purpose: what counts as a synopsis, a path and an option. */
  @Test
  void commandLines_synopsesExamplesPathsAndOptions() {
    CommandLineText synopsis = parse("java -jar examples/target/custintel.jar models refresh --db JDBC_URL "
        + "[--as-of YYYY-MM-DD]");
    CommandLineText example = parse("java -jar examples/target/custintel.jar import --db "
        + "'jdbc:postgresql://h/db?user=me&password=x' --format cdnow data/clv/CDNOW_sample.txt");

    assertThat(isSynopsis(synopsis)).isTrue();
    assertThat(synopsis.path()).containsExactly("models", "refresh");
    assertThat(optionsIn(synopsis.text())).containsExactly("--db", "--as-of");
    assertThat(isSynopsis(example)).isFalse();
    assertThat(example.path()).containsExactly("import");
    assertThat(example.args()).containsExactly("import", "--db", "jdbc:postgresql://h/db?user=me&password=x",
        "--format", "cdnow", "data/clv/CDNOW_sample.txt");
    assertThat(optionsIn("import [--[no-]progress] [--writers N]")).containsExactly("--progress", "--writers");
    assertThat(isSynopsis(parse("custintel profile --db jdbc:h2:mem:x CUSTOMER_ID"))).isTrue();
  }

  private static CommandLineText parse(String line) {
    Readme readme = new Readme(Path.of("README.md"), List.of("## " + SECTION, "```bash", line, "```"));
    return commandLines(readme).get(0);
  }

  /** @return every command line of the README's bash blocks, in order */
  static List<CommandLineText> commandLines(Readme readme) {
    Map<List<String>, CommandSpec> commands = commands();
    List<CommandLineText> found = new ArrayList<>();
    for (Block b : readme.blocks("bash")) {
      StringBuilder joined = new StringBuilder();
      for (String line : b.code()) {
        String l = line.strip();
        if (l.endsWith("\\")) {
          joined.append(l, 0, l.length() - 1).append(' ');
          continue;
        }
        joined.append(l);
        Matcher m = COMMAND.matcher(joined.toString().strip());
        joined.setLength(0);
        if (!m.find()) {
          continue;
        }
        String text = m.group(1).replaceAll("\\s+(&&|>|2>|;).*$", "").strip();
        List<String> args = shellWords(text);
        List<String> path = new ArrayList<>();
        while (path.size() < args.size() && commands.containsKey(append(path, args.get(path.size())))) {
          path.add(args.get(path.size()));
        }
        found.add(new CommandLineText(b, text, args, List.copyOf(path)));
      }
    }
    return found;
  }

  private static List<String> append(List<String> path, String name) {
    List<String> longer = new ArrayList<>(path);
    longer.add(name);
    return longer;
  }

  /** A synopsis shows placeholders: optional parts, alternatives, repetition, or a parameter's label. */
  static boolean isSynopsis(CommandLineText c) {
    if (c.text().contains("[") || c.text().contains("|") || c.text().contains("...")) {
      return true;
    }
    CommandSpec spec = commands().get(c.path());
    Set<String> labels = new TreeSet<>(List.of("YYYY-MM-DD"));
    if (spec != null) {
      spec.options().forEach(o -> labels.add(o.paramLabel()));
      spec.positionalParameters().forEach(p -> labels.add(p.paramLabel()));
    }
    return c.args().stream().anyMatch(labels::contains);
  }

  /** The long options a synopsis shows; {@code --[no-]x} is {@code --x}. */
  static Set<String> optionsIn(String text) {
    Set<String> options = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?<![\\w-])--(?:\\[no-\\])?([a-z][a-z0-9-]*)").matcher(text);
    while (m.find()) {
      options.add("--" + m.group(1));
    }
    return options;
  }

  /** @return the long names of a command's options, help and version aside */
  static Set<String> options(CommandSpec spec) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      names.add(o.longestName());
    }
    return names;
  }

  /** @return every command of the CLI by its path (such as [models, refresh]), the help command aside */
  static Map<List<String>, CommandSpec> commands() {
    Map<List<String>, CommandSpec> all = new LinkedHashMap<>();
    collect(CustintelCli.commandLine(), List.of(), all);
    return all;
  }

  private static void collect(CommandLine cmd, List<String> path, Map<List<String>, CommandSpec> all) {
    for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
      if (sub.getValue().getCommand() instanceof CommandLine.HelpCommand) {
        continue;
      }
      List<String> subPath = append(path, sub.getKey());
      all.put(List.copyOf(subPath), sub.getValue().getCommandSpec());
      collect(sub.getValue(), subPath, all);
    }
  }

  /** Splits a command line as a POSIX shell would for the simple quoting READMEs use: '...', "..." and spaces. */
  static List<String> shellWords(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
