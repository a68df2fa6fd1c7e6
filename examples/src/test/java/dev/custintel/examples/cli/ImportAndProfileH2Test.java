package dev.custintel.examples.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The import and profile contract on an H2 file database in a temporary folder. */
class ImportAndProfileH2Test extends ImportAndProfileContract {
  @TempDir Path dir;

  @Override
  String db() {
    return "jdbc:h2:file:" + dir.resolve("custintel").toAbsolutePath();
  }
}
