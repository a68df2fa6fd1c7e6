package dev.custintel.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.examples.readme.Readme.Block;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of README.md compiles against the SDK as built, and the runnable ones run: a README that
 * drifts from the API fails the build.
 *
 * <p>How a block is read depends on the HTML comment just before it (invisible on GitHub):
 *
 * <ul>
 *   <li>{@code <!-- runnable: prints "a", "b" -->}: a whole program (imports, a class with {@code main}); it is
 *       compiled, run in a new JVM on the test class path (so it must keep its data in memory or a temporary
 *       folder), and must exit 0 and print each quoted text;
 *   <li>{@code <!-- fragment ... -->}: statements, compiled as the body of a method. Its own {@code import} lines
 *       are kept; further lines of the comment may add {@code import x.y.Z;} lines and one {@code given: Type
 *       name, Type name} line for the variables the fragment uses without declaring (such as a {@code
 *       dataSource});
 *   <li>no comment: a whole compilation unit (a class, record or interface), compiled only.
 * </ul>
 */
class ReadmeJavaBlocksTest {
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("^(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
          Pattern.MULTILINE);
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  @TempDir Path dir;

  /** One block as a Java source file: its name, text, and the README line of the file's first line. */
  private record Source(Block block, String className, String text, int firstReadmeLine, boolean runnable,
      List<String> expectedOutput) {}

  @Test
  void everyJavaBlock_compilesAgainstTheSdk() throws IOException {
    List<Block> blocks = Readme.load().blocks("java");
    assertThat(blocks).as("java blocks in README.md").isNotEmpty();
    List<Source> sources = new ArrayList<>();
    for (Block b : blocks) {
      sources.add(source(b));
    }

    String errors = compile(sources);

    assertThat(errors).as("README java blocks that do not compile").isEmpty();
  }

  @Test
  void runnableJavaBlocks_runAndPrintWhatTheySay() throws Exception {
    List<Source> runnable = new ArrayList<>();
    for (Block b : Readme.load().blocks("java")) {
      Source s = source(b);
      if (s.runnable()) {
        runnable.add(s);
      }
    }
    // The Quick start at least: the first code a user pastes.
    assertThat(runnable).as("runnable java blocks in README.md").extracting(s -> s.block().section())
        .contains("Quick start");
    assertThat(compile(runnable)).as("README java blocks that do not compile").isEmpty();

    for (Source s : runnable) {
      Run run = runMain(s.className());
      assertThat(run.exitCode()).as(s.block().where() + " exits 0\n" + run).isZero();
      assertThat(run.out()).as(s.block().where() + " prints something\n" + run).isNotBlank();
      for (String expected : s.expectedOutput()) {
        assertThat(run.out()).as(s.block().where() + " prints \"" + expected + "\"\n" + run).contains(expected);
      }
      assertThat(run.err()).as(s.block().where() + " prints no exception\n" + run)
          .doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  /** A block that drifted from the API fails, naming its README line; a fragment's variables come from its marker. */
  @Test
  void driftedBlocks_failNamingTheReadmeLine() throws IOException {
    Readme readme = new Readme(Path.of("README.md"), List.of(
        "## Quick start",
        "<!-- fragment",
        "import dev.custintel.CustomerIntelligence;",
        "given: CustomerIntelligence ci",
        "-->",
        "```java",
        "ci.models().refresh();",
        "ci.models().refreshEverything();",
        "```",
        "```java",
        "System.out.println(\"no class, no marker\");",
        "```"));
    List<Block> blocks = readme.blocks("java");

    String errors = compile(List.of(source(blocks.get(0))));

    assertThat(errors).startsWith("README.md:8 (section \"Quick start\"): ").contains("refreshEverything")
        .containsOnlyOnce("README.md:");
    assertThatThrownBy(() -> source(blocks.get(1))).hasMessageStartingWith("README.md:11 (section \"Quick start\")")
        .hasMessageContaining("<!-- fragment");
  }

  private static Source source(Block b) {
    String marker = b.marker() == null ? "" : b.marker();
    String code = String.join("\n", b.code());
    if (marker.startsWith("fragment")) {
      return fragment(b, marker);
    }
    Matcher type = TYPE_DECLARATION.matcher(code);
    if (!type.find()) {
      throw new AssertionError(b.where() + ": a java block that declares no class must be marked as a fragment "
          + "(an HTML comment just before it: <!-- fragment, then 'import x.y.Z;' lines and a 'given: Type name, "
          + "...' line for the variables it uses -->), or be a whole program marked <!-- runnable: prints \"...\" "
          + "-->");
    }
    boolean runnable = marker.startsWith("runnable");
    if (runnable && !code.contains("public static void main(String[] args)")) {
      throw new AssertionError(b.where() + ": marked runnable but has no public static void main(String[] args)");
    }
    List<String> expected = new ArrayList<>();
    Matcher quoted = QUOTED.matcher(marker);
    while (runnable && quoted.find()) {
      expected.add(quoted.group(1));
    }
    return new Source(b, type.group(1), code + "\n", b.line(), runnable, expected);
  }

  /**
   * A fragment as the body of a static method of a class named after its README line, its {@code import} lines
   * and the marker's first; the marker's {@code given:} variables are the method's parameters.
   */
  private static Source fragment(Block b, String marker) {
    List<String> imports = new ArrayList<>();
    String given = "";
    for (String line : marker.substring("fragment".length()).split("\n")) {
      String l = line.strip();
      if (l.startsWith("import ")) {
        imports.add(l);
      } else if (l.startsWith("given:")) {
        given = l.substring("given:".length()).strip();
      } else if (!l.isEmpty()) {
        throw new AssertionError(b.where() + ": the fragment marker's line '" + l + "' is neither an import nor "
            + "'given: Type name, ...'");
      }
    }
    // The fragment's own imports stay where they are, as blank lines in the body, so that its lines keep their
    // README numbers: the file's line n + offset is the README's.
    List<String> body = new ArrayList<>();
    for (String line : b.code()) {
      if (line.startsWith("import ")) {
        imports.add(line.strip());
        body.add("");
      } else {
        body.add(line);
      }
    }
    String className = "ReadmeFragmentAtLine" + b.line();
    StringBuilder text = new StringBuilder();
    imports.forEach(i -> text.append(i).append('\n'));
    text.append("@SuppressWarnings(\"unused\")\nfinal class ").append(className).append(" {\n")
        .append("  static void run(").append(given).append(") throws Exception {\n");
    int header = imports.size() + 3;
    body.forEach(line -> text.append(line).append('\n'));
    text.append("  }\n}\n");
    return new Source(b, className, text.toString(), b.line() - header, false, List.of());
  }

  /** Compiles the sources into {@link #dir}, against the test class path; returns the errors, README-located. */
  private String compile(List<Source> sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler (the tests need a JDK, not a JRE)").isNotNull();
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<File> files = new ArrayList<>();
    for (Source s : sources) {
      // One folder per block: two blocks may declare the same class name.
      Path file = Files.createDirectories(src.resolve("L" + s.block().line())).resolve(s.className() + ".java");
      Files.writeString(file, s.text(), StandardCharsets.UTF_8);
      files.add(file.toFile());
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none",
          "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
      javac.getTask(output, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
    }
    StringBuilder errors = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Source s = sources.stream()
          .filter(x -> d.getSource() != null && d.getSource().getName().endsWith(
              "L" + x.block().line() + File.separator + x.className() + ".java"))
          .findFirst().orElse(null);
      String where = s == null ? String.valueOf(d.getSource())
          : "README.md:" + (s.firstReadmeLine() + d.getLineNumber() - 1) + " (section \"" + s.block().section()
              + "\")";
      errors.append(where).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
    }
    return errors.toString() + output;
  }

  /**
   * @param exitCode the exit code
   * @param out stdout
   * @param err stderr
   */
  private record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  /** Runs a compiled program's main in a new JVM on the test class path, as a user would run the pasted code. */
  private Run runMain(String className) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = dir.resolve("classes") + File.pathSeparator + System.getProperty("java.class.path");
    Path out = dir.resolve(className + ".out");
    Path err = dir.resolve(className + ".err");
    Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", classPath, className)
        .directory(dir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(className + " did not finish in 5 minutes");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
