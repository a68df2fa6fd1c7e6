package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.testing.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, D8: kill -9 of an import into an H2 file must not lose batches already reported as written. H2 used to
 * write commits to its file up to 500 ms later (progress said 92,000 orders; the file held 88,000). The import
 * runs in a child JVM, which is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) right after it
 * reports a number of committed orders; the database, reopened, must hold at least that many.
 */
class ImportKillTest {
  private static final Pattern WRITTEN = Pattern.compile("([\\d,]+) orders written");
  private static final int KILL_AFTER_REPORTS = 12;

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void import_killedWithSigkillAfterReportingProgress_keepsEveryReportedOrder()
      throws IOException, InterruptedException, SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("custintel").toAbsolutePath();
    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            CustintelCli.class.getName(),
            "import", "--db", url, "--format", "cdnow", "--progress", "--batch-size", "500", "--writers", "2",
            TestData.file("clv/CDNOW_master.txt").toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    long reported = 0;
    int reports = 0;
    List<String> seen = new ArrayList<>();
    try (BufferedReader err = new BufferedReader(
        new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        seen.add(line);
        Matcher m = WRITTEN.matcher(line);
        if (m.find()) {
          reported = Long.parseLong(m.group(1).replace(",", ""));
          if (++reports == KILL_AFTER_REPORTS) {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(reports).as("progress lines before the kill: %s", seen).isEqualTo(KILL_AFTER_REPORTS);
    assertThat(child.exitValue()).as("killed, not finished").isEqualTo(137);

    assertThat(countOrders(url)).isGreaterThanOrEqualTo(reported);
  }

  private static long countOrders(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ci_orders")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
