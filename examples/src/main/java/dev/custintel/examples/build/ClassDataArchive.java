package dev.custintel.examples.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Build step of the command line's jar (run by the examples module's {@code package} phase, not part of the jar): writes
 * the launcher {@code target/custintel} and, next to the jar, two class-data sharing archives (the JDK's AppCDS),
 * {@code custintel.jsa} for the commands that read files and {@code custintel-db.jsa} for those that open a
 * database, holding the classes that typical commands load, already parsed and verified, so that a command starts
 * in less time.
 *
 * <p>Each archive is built as the JDK documents it for a static archive: each training command runs with {@code
 * -XX:DumpLoadedClassList}, the lists are merged, and {@code java -Xshare:dump} writes the archive for the jar's
 * absolute path. The JVM uses it only when it was built by the same JVM for a jar of the same path and size;
 * otherwise it starts without it, silently, so a foreign archive costs only the time it would have saved. The JVM
 * does not compare the jar's time (a jar touched after its archive still starts from it), so the launcher passes an
 * archive only when it is newer than the jar. A failed step leaves no archive and a warning: the launcher works
 * without.
 *
 * <p>Usage: {@code ClassDataArchive JAR DATA_DIR}. Exit code 0 unless the arguments are wrong or the launcher cannot
 * be written.
 */
public final class ClassDataArchive {
  /** The launcher's file name, next to the jar. */
  static final String LAUNCHER = "custintel";
  /** The archive of the commands that read files (and of --version and help), next to the jar. */
  static final String ARCHIVE = "custintel.jsa";
  /** The archive of the commands that open a database, next to the jar. */
  static final String DATABASE_ARCHIVE = "custintel-db.jsa";
  private static final long TRAINING_TIMEOUT_SECONDS = 120;

  private ClassDataArchive() {}

  /**
   * @param args the jar and the repository's data directory (the training commands read its CDNOW sample and
   *     Groceries baskets)
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ClassDataArchive JAR DATA_DIR");
      System.exit(2);
    }
    Path jar = Path.of(args[0]).toAbsolutePath().normalize();
    Path data = Path.of(args[1]).toAbsolutePath().normalize();
    Path dir = Objects.requireNonNull(jar.getParent(), "an absolute path has a parent");
    writeLauncher(dir.resolve(LAUNCHER));
    for (String name : List.of(ARCHIVE, DATABASE_ARCHIVE)) {
      try {
        build(jar, data, dir, name); // silent when it works, as a quiet build should be
      } catch (IOException | RuntimeException e) {
        System.out.println("[custintel] WARNING: no class-data archive " + name + " (the launcher works without it, "
            + "only slower to start): " + e.getMessage());
      }
    }
  }

  /**
   * The commands whose classes go into an archive. Two archives, because the JVM relocates a whole archive when it
   * maps it (about 14 ms of CPU more for the 42 MB of one archive of everything than for the 18 MB of the file
   * commands', measured on {@code --version}), and a command needs either the file readers and models or the
   * database's libraries, seldom both: {@link #ARCHIVE} is the version, mining the Groceries baskets and fitting the
   * CLV models on the CDNOW sample; {@link #DATABASE_ARCHIVE} an import of the sample into a new H2 file and a profile
   * read from it (H2, Flyway, Hikari, Jdbi and the ingestion's classes).
   *
   * @param archive {@link #ARCHIVE} or {@link #DATABASE_ARCHIVE}
   * @param data the repository's data directory
   * @param work a scratch directory for the import's database
   * @return each command's arguments
   */
  static List<List<String>> trainingCommands(String archive, Path data, Path work) {
    String cdnow = data.resolve("clv").resolve("CDNOW_sample.txt").toString();
    if (archive.equals(DATABASE_ARCHIVE)) {
      String db = "jdbc:h2:file:" + work.resolve("shop").resolve("custintel");
      return List.of(
          List.of("import", "--db", db, "--format", "cdnow", "--quiet", cdnow),
          List.of("profile", "--db", db, "00004"));
    }
    return List.of(
        List.of("--version"),
        List.of("affinity", "mine", "--baskets", data.resolve("affinity").resolve("groceries.csv").toString(),
            "--format", "basket-csv", "--min-support", "0.001"),
        List.of("clv", "fit", "--transactions", cdnow, "--format", "cdnow", "--calibration-end", "1997-09-30",
            "--holdout-end", "1998-06-30", "--period", "week"),
        // The two above run without picocli's run-time model (PlainCommandLine); help and usage errors use it.
        List.of("clv", "fit", "--help"));
  }

  private static void build(Path jar, Path data, Path dir, String name) throws IOException {
    Path archive = dir.resolve(name);
    Files.deleteIfExists(archive);
    Path work = Files.createTempDirectory("custintel-cds");
    try {
      build(jar, archive, trainingCommands(name, data, work), work);
    } finally {
      deleteTree(work);
    }
  }

  private static void build(Path jar, Path archive, List<List<String>> commands, Path work) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Path> lists = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      Path list = work.resolve("classes-" + i + ".lst");
      List<String> command = new ArrayList<>(List.of(java, "-XX:DumpLoadedClassList=" + list, "-jar",
          jar.toString()));
      command.addAll(commands.get(i));
      run(command, work.resolve("training-" + i + ".log"), "training command " + commands.get(i));
      lists.add(list);
    }
    Path merged = work.resolve("classes.lst");
    Files.write(merged, merge(lists), StandardCharsets.UTF_8);
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    run(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + merged, "-XX:SharedArchiveFile=" + partial,
        "-cp", jar.toString()), work.resolve("dump.log"), "java -Xshare:dump");
    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Merges class lists: every line of each list except its comments, each once, in order of first appearance (the
   * JDK loads the classes of a list in its order, so a class comes after the classes it needs, as in each run).
   *
   * @param lists the lists written by {@code -XX:DumpLoadedClassList}
   * @return the merged lines
   * @throws IOException if a list cannot be read
   */
  static List<String> merge(List<Path> lists) throws IOException {
    Set<String> lines = new LinkedHashSet<>();
    for (Path list : lists) {
      for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
    }
    return new ArrayList<>(lines);
  }

  private static void run(List<String> command, Path log, String what) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(what + " did not finish within " + TRAINING_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException(what + " was interrupted", e);
    }
    if (p.exitValue() != 0) {
      List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
      String last = out.isEmpty() ? "" : ": " + out.get(out.size() - 1);
      throw new IOException(what + " exited with " + p.exitValue() + last);
    }
  }

  /**
   * The launcher: a POSIX shell script that runs the jar beside it with the archive for its command when it is
   * there ({@link #ARCHIVE} for {@code affinity}, {@code clv}, {@code help} and the version, {@link #DATABASE_ARCHIVE}
   * for the others), with C1 only
   * ({@code -XX:TieredStopAtLevel=1}: the commands are short, and the optimising compiler's work would not pay for
   * itself; except an {@code import} whose files add up to more than 4 MB or that reads a pipe or standard input,
   * where it does: into H2, 348,295 CDNOW rows took 56 s with C1 alone and 36 s with both compilers, 6,919 rows
   * 1.4 s and 2.2 s) and the serial collector (a command is one job on one heap). The JVM's warnings go to stderr
   * (by default the JVM prints them on stdout, into a command's JSON), and none about an archive that another JVM
   * wrote: a JDK 25 given the archive of a JDK 17 says so on stdout and starts without it. {@code
   * CUSTINTEL_JAVA_OPTS} comes last, so that its options win, such as {@code -XX:TieredStopAtLevel=4} for a long job; {@code JAVA_HOME} chooses the JVM
   * as for other Java tools.
   *
   * @return the script
   */
  static String launcherScript() {
    return """
        #!/bin/sh
        # custintel: the command line, with the class-data archives built with its jar (custintel*.jsa) when present.
        # CUSTINTEL_JAVA_OPTS adds JVM options after the launcher's own (so they win, e.g. -XX:TieredStopAtLevel=4 or
        # -Xmx8g for a long job); JAVA_HOME chooses the JVM. Written by the build (ClassDataArchive); do not edit.
        self=$0
        while [ -L "$self" ]; do
          link=$(ls -ld -- "$self"); link=${link#*' -> '}
          case $link in /*) self=$link ;; *) self=$(dirname -- "$self")/$link ;; esac
        done
        dir=$(CDPATH= cd -- "$(dirname -- "$self")" && pwd -P) || exit 1
        if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
        # The archive of the commands that read files, or of those that open a database.
        case "${1:-}" in
          affinity|clv|help|--version|-V|--help|-h|"") archive="$dir/custintel.jsa" ;;
          *) archive="$dir/custintel-db.jsa" ;;
        esac
        # Only an archive written after the jar: the JVM checks the jar's size, not its time, and a jar rebuilt
        # without its archives (-Dcustintel.cds.skip=true) could keep its size and then start from stale classes.
        cds=
        if [ -f "$archive" ] && [ "$archive" -nt "$dir/custintel.jar" ]; then cds="-XX:SharedArchiveFile=$archive"; fi
        # The JVM's own warnings go to stderr, not into the command's output, and an archive that this JVM cannot use
        # (another version, a rebuilt jar) is passed over without a word, as it is on the JVM that built it.
        log="-Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr"
        # C1 alone, unless an import reads more than 4 MB or a stream of unknown size: past about 50,000 rows into
        # H2 the optimising compiler pays (348,295 rows: 36 s against 56 s), below it C1 alone is faster.
        tier=-XX:TieredStopAtLevel=1
        if [ "${1:-}" = import ]; then
          bytes=0
          for a in "$@"; do
            if [ "$a" = - ] || { [ -e "$a" ] && [ ! -f "$a" ] && [ ! -d "$a" ]; }; then bytes=$((bytes + 4194305))
            elif [ -f "$a" ] && [ -r "$a" ]; then bytes=$((bytes + $(wc -c < "$a"))); fi
          done
          if [ "$bytes" -gt 4194304 ]; then tier=; fi
        fi
        # shellcheck disable=SC2086 # $log, $tier and CUSTINTEL_JAVA_OPTS are lists of options
        exec "$java" $cds $log $tier -XX:+UseSerialGC ${CUSTINTEL_JAVA_OPTS:-} \\
          -jar "$dir/custintel.jar" "$@"
        """;
  }

  private static void writeLauncher(Path launcher) {
    try {
      Files.writeString(launcher, launcherScript(), StandardCharsets.UTF_8);
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(launcher);
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        permissions.add(PosixFilePermission.GROUP_EXECUTE);
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(launcher, permissions);
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system (Windows): the script is for POSIX shells anyway.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the launcher " + launcher, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
