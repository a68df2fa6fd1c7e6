package dev.custintel.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that writes the launcher and the class-data archive: how it merges class lists, and the launcher
 * script itself, run by {@code /bin/sh} on a jar whose main class prints its arguments and JVM options. (That the
 * packaged command line starts from the archive is checked on the real jar by {@code benchmarks/cold/launcher-check.sh}
 * in CI, after {@code package}.)
 */
class ClassDataArchiveTest {

  @TempDir Path dir;

  @Test
  void classListsMergeWithoutCommentsOrRepeatsInFirstSeenOrder() throws IOException {
    Path a = Files.writeString(dir.resolve("a.lst"), "# NOTE: Do not modify this file.\njava/lang/Object id: 0\n"
        + "dev/x/A\n@lambda-proxy dev/x/A run ()V\n\n");
    Path b = Files.writeString(dir.resolve("b.lst"), "# header\ndev/x/B\njava/lang/Object id: 0\ndev/x/A\n");

    assertThat(ClassDataArchive.merge(List.of(a, b)))
        .containsExactly("java/lang/Object id: 0", "dev/x/A", "@lambda-proxy dev/x/A run ()V", "dev/x/B");
  }

  @Test
  void trainingCommandsReadTheBundledDataAndAScratchDatabase() {
    Path data = Path.of("/repo/data");
    List<List<String>> files = ClassDataArchive.trainingCommands(ClassDataArchive.ARCHIVE, data, Path.of("/tmp/w"));
    List<List<String>> database =
        ClassDataArchive.trainingCommands(ClassDataArchive.DATABASE_ARCHIVE, data, Path.of("/tmp/w"));

    assertThat(files).extracting(c -> c.get(0)).containsExactly("--version", "affinity", "clv", "clv");
    assertThat(files.get(1)).contains(Path.of("/repo/data/affinity/groceries.csv").toString());
    assertThat(files.get(2)).contains(Path.of("/repo/data/clv/CDNOW_sample.txt").toString());
    assertThat(files.get(3)).containsExactly("clv", "fit", "--help");
    assertThat(database).extracting(c -> c.get(0)).containsExactly("import", "profile");
    assertThat(database.get(0)).contains("jdbc:h2:file:" + Path.of("/tmp/w/shop/custintel"));
    assertThat(database.get(1)).contains("jdbc:h2:file:" + Path.of("/tmp/w/shop/custintel"));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theLauncherChoosesTheArchiveOfItsCommand() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("two"));
    writeProbeJar(bin.resolve("custintel.jar"));
    Files.writeString(bin.resolve("custintel.jsa"), "files");
    Files.writeString(bin.resolve("custintel-db.jsa"), "database");
    newerThanTheJar(bin, "custintel.jsa");
    newerThanTheJar(bin, "custintel-db.jsa");
    Path launcher = Files.writeString(bin.resolve("custintel"), ClassDataArchive.launcherScript());
    String files = "jvm:-XX:SharedArchiveFile=" + bin.toRealPath().resolve("custintel.jsa");
    String database = "jvm:-XX:SharedArchiveFile=" + bin.toRealPath().resolve("custintel-db.jsa");

    for (String command : List.of("affinity", "clv", "--version", "help")) {
      assertThat(run(List.of("/bin/sh", launcher.toString(), command), Map.of())).as(command)
          .contains(files).doesNotContain(database);
    }
    assertThat(run(List.of("/bin/sh", launcher.toString()), Map.of())).contains(files);
    for (String command : List.of("import", "profile", "demo", "models")) {
      assertThat(run(List.of("/bin/sh", launcher.toString(), command), Map.of())).as(command)
          .contains(database).doesNotContain(files);
    }
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void anImportOfMoreThanFourMegabytesOrOfAStreamGetsBothCompilers() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("tiers"));
    writeProbeJar(bin.resolve("custintel.jar"));
    Path launcher = Files.writeString(bin.resolve("custintel"), ClassDataArchive.launcherScript());
    Path small = Files.writeString(dir.resolve("small.txt"), "00001 19970101 1 10.00\n");
    Path big = sparseFile(dir.resolve("big.txt"), 5L << 20);
    Path threeMegabytes = sparseFile(dir.resolve("three.txt"), 3L << 20);
    String c1 = "jvm:-XX:TieredStopAtLevel=1";
    assertThat(run(List.of("/bin/sh", launcher.toString(), "import", "--db", "jdbc:h2:mem:x", small.toString()),
        Map.of())).contains(c1);
    assertThat(run(List.of("/bin/sh", launcher.toString(), "import", threeMegabytes.toString()), Map.of()))
        .contains(c1);
    // Two files of 3 MB: 6 MB in all.
    assertThat(run(List.of("/bin/sh", launcher.toString(), "import", threeMegabytes.toString(),
        threeMegabytes.toString()), Map.of())).doesNotContain(c1);
    assertThat(run(List.of("/bin/sh", launcher.toString(), "import", "--format", "cdnow", big.toString()), Map.of()))
        .doesNotContain(c1);
    assertThat(run(List.of("/bin/sh", launcher.toString(), "import", "-"), Map.of())).doesNotContain(c1);
    // A file the launcher cannot read is not counted (the import says why it cannot read it).
    Path unreadable = Files.writeString(dir.resolve("unreadable.txt"), "x");
    if (unreadable.toFile().setReadable(false, false) && !Files.isReadable(unreadable)) {
      assertThat(run(List.of("/bin/sh", launcher.toString(), "import", unreadable.toString()), Map.of()))
          .contains(c1);
    }
    // Only an import: the file commands stay on C1 whatever they read.
    assertThat(run(List.of("/bin/sh", launcher.toString(), "clv", "fit", "--transactions", big.toString()),
        Map.of())).contains(c1);
  }

  /** A file of that many bytes, written as a hole: the launcher reads only its size. */
  private static Path sparseFile(Path file, long bytes) throws IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return file;
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theLauncherPassesArgumentsAsGivenAndTheUsersOptionsLast() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("with space/bin"));
    writeProbeJar(bin.resolve("custintel.jar"));
    Path launcher = Files.writeString(bin.resolve("custintel"), ClassDataArchive.launcherScript());

    List<String> out = run(List.of("/bin/sh", launcher.toString(), "a b", "", "*", "$HOME", "--x=\"q\""),
        Map.of("CUSTINTEL_JAVA_OPTS", "-Xmx64m -XX:TieredStopAtLevel=4"));

    assertThat(out).filteredOn(l -> l.startsWith("arg:"))
        .containsExactly("arg:a b", "arg:", "arg:*", "arg:$HOME", "arg:--x=\"q\"");
    List<String> jvm = out.stream().filter(l -> l.startsWith("jvm:")).toList();
    assertThat(jvm).contains("jvm:-XX:+UseSerialGC", "jvm:-Xmx64m");
    // No archive beside the jar: no archive option. The user's tier comes after the launcher's, so it wins.
    assertThat(jvm).noneMatch(o -> o.startsWith("jvm:-XX:SharedArchiveFile"));
    assertThat(jvm.indexOf("jvm:-XX:TieredStopAtLevel=4")).isGreaterThan(jvm.indexOf("jvm:-XX:TieredStopAtLevel=1"));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theLauncherFindsItsJarAndArchiveThroughASymbolicLink() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("dist"));
    writeProbeJar(bin.resolve("custintel.jar"));
    Files.writeString(bin.resolve("custintel.jsa"), "not an archive: the JVM must start without it");
    newerThanTheJar(bin, "custintel.jsa");
    Path launcher = Files.writeString(bin.resolve("custintel"), ClassDataArchive.launcherScript());
    launcher.toFile().setExecutable(true);
    Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("elsewhere")).resolve("ci"), launcher);

    List<String> out = run(List.of(link.toString(), "--version"), Map.of());

    assertThat(out).contains("arg:--version",
        "jvm:-XX:SharedArchiveFile=" + bin.toRealPath().resolve("custintel.jsa"));
    // The JVM passed over the broken archive without a word in the output.
    assertThat(out).allMatch(l -> l.startsWith("arg:") || l.startsWith("jvm:"));
    assertThat(out).contains("jvm:-Xlog:disable", "jvm:-Xlog:all=warning:stderr", "jvm:-Xlog:cds*=off:stderr");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void anArchiveOlderThanTheJarIsNotUsed() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("stale"));
    writeProbeJar(bin.resolve("custintel.jar"));
    Files.writeString(bin.resolve("custintel.jsa"), "the archive of an earlier jar");
    Files.setLastModifiedTime(bin.resolve("custintel.jsa"), FileTime.from(Instant.now().minusSeconds(3600)));
    Path launcher = Files.writeString(bin.resolve("custintel"), ClassDataArchive.launcherScript());

    List<String> out = run(List.of("/bin/sh", launcher.toString(), "--version"), Map.of());

    assertThat(out).contains("arg:--version").noneMatch(o -> o.startsWith("jvm:-XX:SharedArchiveFile"));
  }

  /** Dates an archive after the jar beside it, as the build writes them. */
  private static void newerThanTheJar(Path bin, String archive) throws IOException {
    FileTime jar = Files.getLastModifiedTime(bin.resolve("custintel.jar"));
    Files.setLastModifiedTime(bin.resolve(archive), FileTime.from(jar.toInstant().plusSeconds(5)));
  }

  private static void writeProbeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = LauncherProbe.class.getResourceAsStream("/" + entry)) {
      assertThat(in).isNotNull();
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
  }

  private List<String> run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("CUSTINTEL_JAVA_OPTS");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text + err).isZero();
    return new ArrayList<>(text.lines().toList());
  }
}
