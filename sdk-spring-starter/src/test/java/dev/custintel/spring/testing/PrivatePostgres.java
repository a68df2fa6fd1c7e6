package dev.custintel.spring.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PostgreSQL server of the test's own, so that a test may stop, restart or {@code kill -9} it without
 * touching the shared one: {@code initdb} in a temporary directory, trust authentication, fsync on, a free port on
 * 127.0.0.1 and the Unix socket in that directory. {@link #close()} stops it and deletes the directory; a JVM
 * shutdown hook does the same if the test never gets there.
 *
 * <p>The binaries are found in {@code pg_config --bindir}, else on the {@code PATH}, else in the newest
 * {@code /usr/lib/postgresql/N/bin}. Without them the calling test is skipped, unless {@code
 * custintel.requirePostgres=true} (system property) or {@code CUSTINTEL_REQUIRE_POSTGRES=true} (environment), which
 * make it fail. PostgreSQL refuses to run as root, so as root its binaries run as the {@code postgres} user (through
 * {@code runuser}), like {@code benchmarks/fault/import-faults.sh} does.
 */
public final class PrivatePostgres implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

  private final Path bin;
  private final Path work;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;
  private final Thread cleanupHook;
  private volatile boolean closed;

  private PrivatePostgres(Path bin, Path work, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.work = work;
    this.data = work.resolve("data");
    this.port = port;
    this.asPostgresUser = asPostgresUser;
    this.cleanupHook = new Thread(this::stopAndDelete, "private-postgres-cleanup");
  }

  /**
   * Creates and starts a new cluster. Skips the calling test when the PostgreSQL binaries are missing (fails instead
   * when PostgreSQL is required, see the class comment).
   *
   * @return the running server
   */
  public static PrivatePostgres start() {
    Path bin = findBinaries();
    if (bin == null) {
      String message = "PostgreSQL server binaries (initdb, pg_ctl) not found in pg_config --bindir, on the PATH or"
          + " in /usr/lib/postgresql/*/bin";
      if (required()) {
        throw new IllegalStateException(message + " (CUSTINTEL_REQUIRE_POSTGRES / custintel.requirePostgres is true,"
            + " so this test fails instead of being skipped)");
      }
      Assumptions.abort(message + " (set CUSTINTEL_REQUIRE_POSTGRES=true to fail instead of skipping)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path work;
    try {
      work = Files.createTempDirectory("custintel-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PrivatePostgres pg = new PrivatePostgres(bin, work, freePort(), root);
    Runtime.getRuntime().addShutdownHook(pg.cleanupHook);
    try {
      if (root) {
        run(List.of("chown", "postgres", work.toString()), work.resolve("chown.log"));
      }
      pg.runPg(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-A", "trust", "-U", "postgres",
          "--no-sync", "-E", "UTF8"), "initdb.log");
      pg.startServer();
    } catch (RuntimeException | Error e) {
      pg.close();
      throw e;
    }
    return pg;
  }

  /** @return the port it listens on, on 127.0.0.1 */
  public int port() {
    return port;
  }

  /**
   * @param database a database name
   * @return a JDBC URL to that database as the {@code postgres} user (trust: no password)
   */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  /**
   * @param name a new database's name (letters, digits, underscores)
   * @return its JDBC URL
   */
  public String createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("Not a plain database name: " + name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
        var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
    }
    return jdbcUrl(name);
  }

  /** {@code pg_ctl restart -m fast}: disconnects every client, shuts down cleanly and starts again. */
  public void restartFast() {
    runPg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", work.resolve("server.log").toString(),
        "-w", "-t", "60", "-m", "fast", "-o", serverOptions(), "restart"), "pg_ctl.log");
  }

  /** {@code pg_ctl stop -m fast}. */
  public void stopFast() {
    runPg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-m", "fast", "stop"),
        "pg_ctl.log");
  }

  /**
   * {@code kill -9} of the postmaster and every backend at once, as a power cut or the OOM killer would; returns once
   * they are all gone. {@link #startServer()} then runs crash recovery.
   */
  public void kill9() {
    long pid = postmasterPid();
    ProcessHandle postmaster = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("The postmaster " + pid + " is not running"));
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    all.forEach(ProcessHandle::destroyForcibly); // SIGKILL
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle p : all) {
      while (p.isAlive()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("PostgreSQL process " + p.pid() + " survived kill -9 for 30 s");
        }
        sleep(50);
      }
    }
  }

  /** Starts the server (after {@link #stopFast()} or {@link #kill9()}), waiting until it accepts connections. */
  public void startServer() {
    runPg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", work.resolve("server.log").toString(),
        "-w", "-t", "60", "-o", serverOptions(), "start"), "pg_ctl.log");
  }

  /** @return the tail of the server's log, for failure messages */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(work.resolve("server.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no server log: " + e.getMessage() + ")";
    }
  }

  /** Stops the server (immediately) and deletes its directory. */
  @Override
  public void close() {
    stopAndDelete();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or has run
    }
  }

  private synchronized void stopAndDelete() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        try {
          runPg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "30", "-m", "immediate",
              "stop"), "pg_ctl.log");
        } catch (RuntimeException e) {
          // a postmaster that is not running (killed, never started): nothing to stop; kill what may remain
          try {
            ProcessHandle.of(postmasterPid()).ifPresent(p -> {
              p.descendants().forEach(ProcessHandle::destroyForcibly);
              p.destroyForcibly();
            });
          } catch (RuntimeException ignored) {
            // no readable pid file
          }
        }
      }
    } finally {
      deleteTree(work);
    }
  }

  private String serverOptions() {
    return "-p " + port + " -k " + work + " -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=60";
  }

  private long postmasterPid() {
    try {
      return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("No postmaster.pid in " + data, e);
    }
  }

  private void runPg(List<String> command, String logName) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, work.resolve(logName));
  }

  private static void run(List<String> command, Path log) {
    try {
      Process p = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("Timed out after " + COMMAND_TIMEOUT + ": " + command);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("Exit " + p.exitValue() + " from " + command + ":\n" + tail(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean required() {
    return Boolean.parseBoolean(System.getProperty("custintel.requirePostgres", "false"))
        || "true".equalsIgnoreCase(System.getenv("CUSTINTEL_REQUIRE_POSTGRES"));
  }

  private static @Nullable Path findBinaries() {
    List<Path> candidates = new ArrayList<>();
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
        candidates.add(Path.of(out));
      }
    } catch (IOException e) {
      // no pg_config
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir));
        }
      }
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      versions.map(v -> v.resolve("bin"))
          .sorted(Comparator.comparing((Path v) -> versionOf(v.getParent())).reversed())
          .forEach(candidates::add);
    } catch (IOException e) {
      // not a Debian layout
    }
    for (Path dir : candidates) {
      if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))) {
        return dir;
      }
    }
    return null;
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString().replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a socket file of a dying server, say
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
