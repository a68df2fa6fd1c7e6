package dev.custintel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  private static final int KILL_AFTER_REPORTS = 12;

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void import_killedWithSigkillAfterReportingProgress_keepsEveryReportedOrder()
      throws IOException, InterruptedException, SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("custintel").toAbsolutePath();
    KilledCli.Outcome run = KilledCli.run(List.of("import", "--db", url, "--format", "cdnow", "--progress",
            "--batch-size", "500", "--writers", "2", TestData.file("clv/CDNOW_master.txt").toString()),
        (reports, written) -> reports == KILL_AFTER_REPORTS);
    long reported = run.ordersWritten();
    assertThat(run.reports()).as("progress lines before the kill: %s", run.lines()).isEqualTo(KILL_AFTER_REPORTS);
    assertThat(run.exitValue()).as("killed, not finished").isEqualTo(137);

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
