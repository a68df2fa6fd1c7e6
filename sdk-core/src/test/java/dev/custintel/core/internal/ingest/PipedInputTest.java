package dev.custintel.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, D5: an input that can be read only once, here a named FIFO. Strict mode and the Online Retail layout
 * read a file twice; from a FIFO the second read used to wait forever for a writer (from a pipe it found nothing:
 * {@code rowsRead 0}, or "file is empty" in strict mode). The database is not under test: batches are counted. The
 * timeout only turns that hang into a failure.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipedInputTest {
  @TempDir Path dir;

  @Test
  void importFile_onlineRetailFromAFifo_readsEveryRowOnce() throws Exception {
    Path source = TestData.file("affinity/online_retail_france.csv");
    ImportReport fromFile = importer().run(source, ImportFormat.ONLINE_RETAIL, ImportOptions.defaults());

    ImportReport fromFifo = importThroughFifo(source, ImportFormat.ONLINE_RETAIL, ImportOptions.defaults());

    // python over the raw file: 8,557 rows, 458 invoices with a customer (ImportTest)
    assertThat(fromFifo.rowsRead()).isEqualTo(fromFile.rowsRead()).isEqualTo(8_557);
    assertThat(fromFifo.ordersRead()).isEqualTo(fromFile.ordersRead()).isEqualTo(458);
    assertThat(fromFifo.ordersWritten()).isEqualTo(458);
  }

  @Test
  void importFile_strictCdnowFromAFifo_checksThenWritesEveryRow() throws Exception {
    Path source = TestData.file("clv/CDNOW_sample.txt");
    long rows = Files.readAllLines(source).stream().filter(l -> !l.isBlank()).count();
    java.util.Set<Path> spoolsBefore = spools();

    ImportReport report =
        importThroughFifo(source, ImportFormat.CDNOW, ImportOptions.defaults().withMode(ImportMode.STRICT));

    assertThat(report.rowsRead()).isEqualTo(rows).isPositive();
    assertThat(report.ordersWritten()).isEqualTo(rows);
    assertThat(spools()).as("the temporary copy is deleted").isEqualTo(spoolsBefore);
  }

  private static java.util.Set<Path> spools() throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("custintel-import-"))
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  private ImportReport importThroughFifo(Path source, ImportFormat format, ImportOptions options) throws Exception {
    Path fifo = dir.resolve("in.fifo");
    Files.deleteIfExists(fifo);
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available: " + e.getMessage());
      throw e;
    }
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) { // blocks until the importer opens the FIFO
        Files.copy(source, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "fifo-writer");
    writer.setDaemon(true);
    writer.start();
    ImportReport report = importer().run(fifo, format, options);
    writer.join();
    return report;
  }

  private static FileImporter importer() {
    AtomicLong lines = new AtomicLong();
    return new FileImporter((batch, hashes) -> {
      int n = batch.orders().stream().mapToInt(o -> o.lines().size()).sum();
      lines.addAndGet(n);
      return new IngestResult(batch.orders().size(), 0, 0, 0, 0, n);
    });
  }
}
